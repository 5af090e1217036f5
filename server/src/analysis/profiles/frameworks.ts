// The shape every Python framework profile (LangChain, agno, LlamaIndex, Haystack) fills in: which classes reach
// HF, which of their methods make a request, where they point by default, and which constructor arguments switch
// on the framework's own retry. The facts and their sources are in each profile file and docs/hf-facts.md.
import type { Surface } from "../model";

export interface FrameworkClass {
  /** Import paths of the class (`package.module.Class`), every public one. */
  paths: string[];
  /** "model": makes the requests itself; "agent": runs the model given in `modelKeyword` (or first positional). */
  role: "model" | "agent";
  /** Methods that make at least one request. */
  methods: string[];
  /** Where it points when no URL argument says otherwise (undefined: a self-hosted server unless a URL says HF). */
  surface: Surface | undefined;
  /** Constructor arguments holding a URL that decides the surface (an HF host, or not HF at all). */
  urlKeywords?: string[];
  /** A dictionary argument whose `url` entry decides the surface (Haystack's `api_params`). */
  urlInDict?: string;
  /** Constructor arguments whose positive value switches on the framework's retry (agno `retries=3`). */
  retryKeywords?: string[];
  /** What the framework's retry is, for the message. */
  retryNote?: string;
  /** A 429 does not raise: the error body comes back as the result (no except clause sees it). */
  returnsErrorBody?: boolean;
  /** For agents: the argument that holds the model. */
  modelKeyword?: string;
}

/**
 * Whether a framework method is a coroutine: LangChain's, LlamaIndex's and agno's async twins are named `a` +
 * the method (`ainvoke`, `astream`, `acomplete`, `aget_query_embedding`, `aprint_response`), Haystack's
 * `run_async`.
 */
export function isCoroutineMethod(method: string): boolean {
  return (
    /^a(invoke|stream|batch|generate|predict|embed_|run|print_response|complete|chat|get_|response)/.test(method) ||
    method === "run_async"
  );
}

/** Every class of `profiles`, by import path. */
export function byPath(profiles: FrameworkClass[][]): Map<string, FrameworkClass> {
  const out = new Map<string, FrameworkClass>();
  for (const list of profiles) for (const cls of list) for (const p of cls.paths) out.set(p, cls);
  return out;
}
