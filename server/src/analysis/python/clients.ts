// Client objects: which constructor made the object a call goes through, and what that construction says
// (where it points, bill-to, retries switched off).
import type { PyNode } from "./tree";
import type { BillTo, ClientConstruction, Surface } from "../model";
import { PY_BUILTIN_RETRIES } from "../profiles";
import { CLIENT_CLASSES, classifyUrl, type ClientClass } from "./catalog";
import {
  LANGCHAIN_CHAINS,
  LANGCHAIN_RETRY_NOTE,
  LANGCHAIN_SAME_MODEL,
  LANGCHAIN_WITH_RETRY,
} from "../profiles/langchain";
import { firstKeyword, kwarg, kwargs } from "./syntax";
import { WRAPPER_NAME } from "../clientWrappers";
import type { Reads } from "../incremental/reads";
import type { Scope } from "./scope";

export interface PyClient {
  node: PyNode;
  cls: ClientClass;
  surface: Surface | undefined; // undefined: not an HF destination (e.g. OpenAI on api.openai.com, local TGI)
  billTo: BillTo;
  retriesDisabled?: PyNode;
  /** smolagents `retry=False`. */
  retryOff?: boolean;
  /** A retry the framework performs because an option or call switched it on (`retries=3`, `.with_retry()`). */
  libraryRetry?: string;
  /** What the model records about a construction made in this file (HF clients, not plain HTTP sessions). */
  construction?: ClientConstruction;
}

const CLASS_NAMES = new Set([...CLIENT_CLASSES.values()].map((c) => c.className));

export class ClientTracker {
  private readonly byNode = new Map<number, { value: PyClient | undefined; reads: Reads }>();

  constructor(
    private readonly scope: Scope,
    private readonly billToOf: (headers: PyNode | undefined) => BillTo & { headersNode?: PyNode },
  ) {}

  private readonly classes = new Map<number, { value: ClientClass | undefined; reads: Reads }>();

  /** The client class a constructor call instantiates, if it is one we know (asked of every call, so remembered). */
  classOf(call: PyNode): ClientClass | undefined {
    if (call.type !== "call") return undefined;
    return this.scope.reads.memo(this.classes, call.id, () => {
      const fn = call.childForFieldName("function");
      // `x.y.Name(...)` can only be a client class named Name: most calls are ruled out without qualifying them.
      const named = fn?.type !== "attribute" || CLASS_NAMES.has(fn.childForFieldName("attribute")?.text ?? "");
      const q = named ? this.scope.qualify(fn) : undefined;
      return (
        (q &&
          (CLIENT_CLASSES.get(q) ??
            CLIENT_CLASSES.get(q.replace(/^huggingface_hub\.inference\._client\./, "huggingface_hub.")))) ||
        undefined
      );
    });
  }

  /**
   * The client behind an object expression (`client`, `self.client`, `hh.InferenceClient()`, an annotated
   * parameter, `make_client()`). A name bound in several places is a client when any binding is one.
   */
  clientOf(expr: PyNode | null | undefined, depth = 0): PyClient | undefined {
    if (!expr || depth > 3) return undefined;
    for (const value of this.scope.resolveAll(expr)) {
      const found = this.clientOfValue(value, depth);
      if (found) return found;
    }
    return undefined;
  }

  private clientOfValue(value: PyNode, depth: number): PyClient | undefined {
    // `prompt | llm | parser`: a LangChain pipe runs every runnable in it, the HF model included.
    if (value.type === "binary_operator" && value.childForFieldName("operator")?.text === "|") {
      for (const side of [value.childForFieldName("right"), value.childForFieldName("left")]) {
        const inner = this.clientOf(side, depth + 1);
        if (inner?.cls.kind === "langchain") return { ...inner, construction: undefined };
      }
      return undefined;
    }
    if (value.type === "call") {
      if (this.classOf(value)) return this.construction(value);
      const fn = value.childForFieldName("function");
      const composite = this.langchainComposite(value, fn, depth);
      if (composite) return composite;
      if (fn?.type === "identifier" || fn?.type === "attribute") {
        // A class kept in a name: `self.client = InferenceClient` ... `self.client(model)`.
        for (const target of this.scope.resolveAll(fn)) {
          if (target.id === fn.id || (target.type !== "identifier" && target.type !== "attribute")) continue;
          const cls = this.classNamed(target);
          if (cls) return this.construction(value, cls);
        }
        // An observability wrapper hands back the client it was given.
        const name = fn.type === "identifier" ? fn.text : (fn.childForFieldName("attribute")?.text ?? "");
        const first = value.childForFieldName("arguments")?.namedChildren[0];
        if (WRAPPER_NAME.test(name) && first && first.type !== "keyword_argument") {
          const inner = this.clientOf(first, depth + 1);
          if (inner) return { ...inner, construction: undefined };
        }
        // A factory defined here: its return annotation, else what it returns.
        const def = this.scope.calledFunction(value);
        if (def) return this.returnedBy(def, depth + 1);
      }
    }
    // `ChatHuggingFace(llm=endpoint)` or `CodeAgent(model=model)`: the wrapper is the client the calls go through.
    const annotation = this.scope.annotationOf(value);
    if (annotation) return this.annotated(annotation);
    // A model handed to a helper (`def ask(llm, q): return llm.invoke(q)` ... `ask(HuggingFaceEndpoint(...), q)`):
    // what the helper's callers in this file pass.
    // A parameter that is itself called (`fn()` in a retry helper) is an operation, not a model: looking at its
    // callers would make every edit to a caller re-judge the helper.
    if (value.type === "identifier" && depth < 3 && !isCalled(value)) {
      for (const candidate of this.scope.parameterValues(value)) {
        const inner = this.clientOf(candidate, depth + 1);
        if (inner) return { ...inner, construction: undefined };
      }
    }
    return undefined;
  }

  /**
   * LangChain runnables built from an HF model: `llm.bind(...)`, `llm.with_config(...)`, `llm.with_retry()` (the
   * library's retry), `RunnableSequence(prompt, llm)`, `LLMChain(llm=llm, ...)`.
   */
  private langchainComposite(call: PyNode, fn: PyNode | null, depth: number): PyClient | undefined {
    if (fn?.type === "attribute") {
      const method = fn.childForFieldName("attribute")?.text ?? "";
      if (!LANGCHAIN_SAME_MODEL.has(method) && method !== LANGCHAIN_WITH_RETRY) return undefined;
      const inner = this.clientOf(fn.childForFieldName("object"), depth + 1);
      if (inner?.cls.kind !== "langchain") return undefined;
      if (method !== LANGCHAIN_WITH_RETRY) return { ...inner, construction: undefined };
      const attempts = kwarg(call, "stop_after_attempt")?.text.trim();
      return attempts === "1"
        ? { ...inner, construction: undefined }
        : { ...inner, construction: undefined, libraryRetry: LANGCHAIN_RETRY_NOTE };
    }
    const q = fn?.type === "identifier" || fn?.type === "attribute" ? this.scope.qualify(fn) : undefined;
    if (!q || !LANGCHAIN_CHAINS.has(q)) return undefined;
    for (const arg of call.childForFieldName("arguments")?.namedChildren ?? []) {
      const value = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
      const items = value?.type === "list" ? value.namedChildren : value ? [value] : [];
      for (const item of items) {
        const inner = this.clientOf(item, depth + 1);
        if (inner?.cls.kind === "langchain") return { ...inner, construction: undefined };
      }
    }
    return undefined;
  }

  /** What a function hands back: `-> InferenceClient`, or the client its `return` statements build. */
  returnedBy(def: PyNode, depth = 0): PyClient | undefined {
    const annotation = def.childForFieldName("return_type");
    const typed = annotation ? this.annotated(annotation) : undefined;
    if (typed) return typed;
    const body = def.childForFieldName("body");
    if (!body || depth > 3) return undefined;
    const stack = [...body.namedChildren];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda") continue;
      if (node.type === "return_statement") {
        const found = this.clientOf(node.namedChildren[0], depth);
        if (found) return found;
        continue;
      }
      stack.push(...node.namedChildren);
    }
    return undefined;
  }

  private annotated(annotation: PyNode): PyClient | undefined {
    const cls = this.classNamed(typeName(annotation));
    return cls ? { node: annotation, cls, surface: defaultSurface(cls), billTo: { present: false } } : undefined;
  }

  private classNamed(ref: PyNode | undefined): ClientClass | undefined {
    const q = this.scope.qualify(ref);
    return q
      ? (CLIENT_CLASSES.get(q) ??
          CLIENT_CLASSES.get(q.replace(/^huggingface_hub\.inference\._client\./, "huggingface_hub.")))
      : undefined;
  }

  /** Constructions being described: `llm = ChatHuggingFace(llm=llm)` names itself, which must not recurse forever. */
  private readonly describing = new Set<number>();

  /** `cls` names the class when the callee is a name holding it (`self.client = InferenceClient`). */
  construction(call: PyNode, cls?: ClientClass): PyClient | undefined {
    if (this.describing.has(call.id)) return undefined;
    this.describing.add(call.id);
    try {
      return this.scope.reads.memo(this.byNode, call.id, () =>
        this.describeConstruction(call, cls ?? this.classOf(call)),
      );
    } finally {
      this.describing.delete(call.id);
    }
  }

  private describeConstruction(call: PyNode, cls: ClientClass | undefined): PyClient | undefined {
    if (!cls) return undefined;
    const client = this.describe(call, cls);
    if (
      client.surface &&
      cls.kind !== "requests-session" &&
      cls.kind !== "httpx-client" &&
      cls.kind !== "aiohttp-session"
    ) {
      const args = call.childForFieldName("arguments")!;
      const headersNode = kwarg(call, cls.billTo.clientHeaders);
      client.construction = {
        span: { start: call.startIndex, end: call.endIndex },
        library: cls.library,
        className: cls.className,
        surface: client.surface,
        billTo: client.billTo,
        argsSpan: { start: args.startIndex + 1, end: args.endIndex - 1 },
        headersSpan:
          headersNode?.type === "dictionary" ? { start: headersNode.startIndex, end: headersNode.endIndex } : undefined,
        retriesDisabledSpan: client.retriesDisabled ? spanOfKeyword(client.retriesDisabled) : undefined,
        variable: variableName(call),
      };
    }
    return client;
  }

  private describe(call: PyNode, cls: ClientClass): PyClient {
    const s = this.scope;
    const kw = kwargs(call);
    const positional =
      call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "keyword_argument") ?? [];
    let surface: Surface | undefined = defaultSurface(cls);
    let billTo: BillTo = { present: false };
    const headerBill = this.billToOf(kw.get(cls.billTo.clientHeaders));
    if (headerBill.present) billTo = headerBill;
    // The org named directly (`bill_to=`, `server_kwargs={"bill_to": ...}`) wins over headers, also a wrapped model's.
    const named = this.namedBillTo(kw, cls);
    if (named) billTo = named;

    if (cls.framework) {
      const f = cls.framework;
      const urls = [...(f.urlKeywords ?? []).map((k) => kw.get(k)), urlInDict(kw.get(f.urlInDict ?? ""))];
      for (const node of urls) {
        const url = node ? s.evalString(node) : undefined;
        if (!url || !/^(https?:)?\/\//i.test(url)) continue;
        const host = classifyUrl(url);
        surface = host === "other" || host === "hub" || host === "hub-download" ? undefined : host;
        break;
      }
    }
    switch (cls.kind) {
      case "framework-model":
      case "framework-agent": {
        const f = cls.framework!;
        const retries = (f.retryKeywords ?? []).map((k) => kw.get(k)).find((n) => n !== undefined);
        const libraryRetry = retries && !/^0$|^None$|^False$/.test(retries.text.trim()) ? f.retryNote : undefined;
        if (cls.kind === "framework-model") return { node: call, cls, surface, billTo, libraryRetry };
        const model = kw.get(f.modelKeyword ?? "model") ?? positional[0];
        const inner = model ? this.clientOf(model) : undefined;
        if (!inner) return { node: call, cls, surface: undefined, billTo };
        return {
          ...inner,
          node: call,
          cls,
          construction: undefined,
          libraryRetry: libraryRetry ?? inner.libraryRetry,
        };
      }
      case "inference": {
        const target = firstKeyword(kw, cls.endpoint) ?? positional[0];
        const url = target ? s.evalString(target) : undefined;
        if (url && /^(https?:)?\/\//i.test(url)) {
          const host = classifyUrl(url);
          surface = host === "other" || host === "hub-download" ? undefined : host;
        }
        const provider = kw.get("provider");
        const key = kw.get("api_key") ?? kw.get("token");
        if (provider && key && isProviderKey(s, key)) surface = "provider";
        break;
      }
      case "openai": {
        const base = firstKeyword(kw, cls.endpoint);
        const url = base ? s.evalString(base) : undefined;
        const host = url ? classifyUrl(url) : "other";
        surface = host === "other" || host === "hub" || host === "hub-download" ? undefined : host;
        const off = PY_BUILTIN_RETRIES.get(cls.library)?.off;
        const retries = off ? kw.get(off.option) : undefined;
        if (retries && retries.text.trim() === off?.value)
          return { node: call, cls, surface, billTo, retriesDisabled: retries };
        break;
      }
      case "langchain": {
        const llm = kw.get("llm");
        const inner = llm ? this.clientOf(llm) : undefined;
        if (inner) {
          surface = inner.surface;
          billTo = named ?? inner.billTo;
        }
        break;
      }
      case "smolagents-model": {
        const off = PY_BUILTIN_RETRIES.get(cls.library)?.off;
        const retry = off ? kw.get(off.option) : undefined;
        const provider = kw.get("provider");
        const key = kw.get("api_key") ?? kw.get("token");
        if (provider && key && isProviderKey(s, key)) surface = "provider";
        return { node: call, cls, surface, billTo, retryOff: retry !== undefined && retry.text === off?.value };
      }
      case "smolagents-agent": {
        const model = kw.get("model") ?? positional[1];
        const inner = model ? this.clientOf(model) : undefined;
        if (!inner) return { node: call, cls, surface: undefined, billTo };
        return { ...inner, node: call, cls: { ...inner.cls, kind: "smolagents-agent" }, construction: undefined };
      }
    }
    return { node: call, cls, surface, billTo };
  }

  /** The org a constructor names directly, where its profile says it takes one (profiles/types.ts: BillToOptions). */
  private namedBillTo(kw: Map<string, PyNode>, cls: ClientClass): BillTo | undefined {
    const { option, inDict } = cls.billTo;
    let named: BillTo | undefined;
    const bill = option ? kw.get(option) : undefined;
    if (bill) named = { present: true, org: this.scope.evalString(bill) };
    const dict = inDict ? kw.get(inDict.option) : undefined;
    if (dict?.type === "dictionary") {
      for (const pair of dict.namedChildren) {
        const key = pair.type === "pair" ? pair.childForFieldName("key") : undefined;
        if (key?.type === "string" && this.scope.evalString(key) === inDict!.key)
          named = { present: true, org: this.scope.evalString(pair.childForFieldName("value")) };
      }
    }
    return named;
  }
}

function isCalled(name: PyNode): boolean {
  const parent = name.parent;
  return parent?.type === "call" && parent.childForFieldName("function") === name;
}

/** `{"url": "https://..."}` in a framework's parameter dictionary (Haystack's `api_params`). */
function urlInDict(dict: PyNode | undefined): PyNode | undefined {
  if (dict?.type !== "dictionary") return undefined;
  for (const pair of dict.namedChildren) {
    if (pair.type === "pair" && /^["']url["']$/.test(pair.childForFieldName("key")?.text ?? ""))
      return pair.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

function defaultSurface(cls: ClientClass): Surface | undefined {
  if (cls.framework) return cls.framework.surface;
  switch (cls.kind) {
    case "inference":
    case "langchain":
    case "smolagents-model":
      return "router";
    case "hfapi":
      return "hub";
    case "inference-api":
      return "legacy";
    default:
      return undefined;
  }
}

/**
 * A provider's own key means HF neither bills the call nor reads bill-to (docs/hf-facts.md, "Hosts"). Recognised when the
 * key is a literal not starting with hf_, or an env var whose name does not mention HF.
 */
function isProviderKey(scope: Scope, key: PyNode): boolean {
  const literal = scope.evalString(key);
  if (literal !== undefined && !literal.includes("{}")) return !literal.startsWith("hf_");
  const env = /environ(?:\.get)?\s*[[(]\s*["']([A-Z0-9_]+)["']|getenv\(\s*["']([A-Z0-9_]+)["']/.exec(
    scope.resolve(key).text,
  );
  const name = env?.[1] ?? env?.[2];
  return name !== undefined && !/HF|HUGGING/.test(name);
}

export function typeName(annotation: PyNode): PyNode | undefined {
  let node: PyNode | undefined = annotation.type === "type" ? annotation.namedChildren[0] : annotation;
  for (let i = 0; node && i < 6; i++) {
    if (node.type === "identifier" || node.type === "attribute") return node;
    if (node.type === "generic_type") {
      const head: PyNode | undefined = node.namedChildren[0];
      if (head?.text === "Optional") node = node.namedChildren[1]?.namedChildren[0]?.namedChildren[0];
      else node = head;
    } else if (node.type === "binary_operator") node = node.childForFieldName("left") ?? undefined;
    else if (node.type === "type") node = node.namedChildren[0];
    else if (node.type === "string") return undefined;
    else return undefined;
  }
  return undefined;
}

function spanOfKeyword(value: PyNode): { start: number; end: number } {
  const kw = value.parent?.type === "keyword_argument" ? value.parent : value;
  return { start: kw.startIndex, end: kw.endIndex };
}

function variableName(call: PyNode): string | undefined {
  const parent = call.parent;
  if (parent?.type === "assignment") return parent.childForFieldName("left")?.text;
  return undefined;
}
