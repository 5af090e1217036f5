// The language-neutral model of a source file: what the Python and JS/TS frontends produce and the rules read.
// Frontends do the language-specific judgement (is this try/except really effective for this call?);
// rules only read verdicts, so both languages share one rule implementation.
// All offsets are UTF-16 code units into the analysed text (what JS strings and web-tree-sitter use).

import type { FileState } from "./incremental/fileState";

export interface Span {
  start: number;
  end: number;
}

export type Language = "python" | "js";

/**
 * Where a call goes (see docs/hf-facts.md, "Hosts"):
 * - router: Inference Providers router, billed from credits, bill-to applies;
 * - router-models: GET router.huggingface.co/v1/models, not billed per call, bill-to must not be sent;
 * - legacy: api-inference.huggingface.co (deprecated);
 * - endpoint: dedicated Inference Endpoints (billed per uptime, no bill-to);
 * - hub: huggingface.co/api and Hub client methods (not billed);
 * - hub-download: file downloads (resolve/...), which huggingface_hub >= 1.2 retries by itself;
 * - provider: a provider's own key / host: HF neither bills nor reads bill-to.
 */
export type Surface =
  | "router"
  | "router-models"
  | "legacy"
  | "endpoint"
  | "hub"
  | "hub-download"
  | "provider"
  /** An HF service whose URL is not known here (a request sent with an HF token to a URL from config). */
  | "unknown";

/** Surfaces whose calls spend HF credits and so need X-HF-Bill-To in an organization context. */
export function needsBillTo(surface: Surface): boolean {
  return surface === "router";
}

export interface BillTo {
  present: boolean;
  /** The org named, when it is a literal (or a constant that resolves to one). */
  org?: string;
}

/**
 * Whether a call survives a 429.
 * - protected: something in its path really retries (or surfaces a distinct error for the caller); `by` names it.
 * - unprotected: nothing does; `reason` explains why a retry that looks like protection is not one
 *   (e.g. "urllib3 Retry mounted on the session does not retry POST").
 * - imported-helper: the call goes through a helper imported from another workspace file; the workspace decides
 *   with that file's facts, and falls back to `fallback` when the module is not in the workspace.
 */
export type Protection =
  | { kind: "protected"; by: string }
  | { kind: "unprotected"; reason?: string }
  | {
      kind: "imported-helper";
      module: string;
      name: string;
      fromFile: string;
      fallback: Exclude<Protection, { kind: "imported-helper" }>;
    };

export interface HfCall {
  /** The whole call expression; its start line is the reported line. */
  span: Span;
  /** Source text of the callee, for messages: "client.chat_completion", "requests.post". */
  callee: string;
  /** Where the callee is written: what diagnostics about the call underline (not every line of its arguments). */
  calleeSpan?: Span;
  /** Library the call belongs to: "huggingface_hub", "openai", "requests", "@huggingface/inference", "fetch", ... */
  library: string;
  surface: Surface;
  /** Index into FileModel.clients when the client was constructed in this file. */
  client?: number;
  /** Bill-to as seen at this call, including what its client carries. */
  billTo: BillTo;
  isAsync: boolean;
  isStreaming: boolean;
  protection: Protection;
  /** User-written retries (indexes into FileModel.retries) that wrap this call. */
  retries: number[];
  /** The `await` expression around the call, if any: fixes wrap the awaited call as a whole. */
  awaitSpan?: Span;
  /**
   * The call goes through a name imported from another workspace file (`import { client } from "./hf"`,
   * `from .config import get_client`) and is an HF call only when that file exports an HF client of `family`
   * under `name`; the workspace decides (the call is dropped when it does not, or the module is not found).
   */
  viaImport?: ImportedClientRef;
}

/** A client a call reaches through an import (see HfCall.viaImport). */
export interface ImportedClientRef {
  module: string;
  name: string;
  /** The importing file (for resolving relative specifiers). */
  fromFile: string;
  /** The kind of client the call's shape needs: "hfjs", "openai", "inference", "hfapi", ... */
  family: string;
  /** The imported name is called to get the client (`get_client().chat_completion(...)`). */
  factory: boolean;
}

/** A client another file can import: a module-level binding, or a function that returns one. */
export interface ExportedClient {
  family: string;
  library: string;
  surface: Surface;
  billTo: BillTo;
  /** A function returning the client, rather than the client itself. */
  factory: boolean;
  /** The client retries 429 by itself (OpenAI SDK, a retrying custom fetch): names it. */
  builtinRetry?: string;
}

export interface ClientConstruction {
  /** The constructor call expression. */
  span: Span;
  library: string;
  /** "InferenceClient", "OpenAI", "HuggingFaceEndpoint", ... */
  className: string;
  surface: Surface;
  billTo: BillTo;
  /** Inside the argument parentheses, for inserting `bill_to=` / options. */
  argsSpan: Span;
  /** An existing headers dict / object literal (default_headers, headers, defaultHeaders), for adding X-HF-Bill-To. */
  headersSpan?: Span;
  /** `max_retries=0` / `maxRetries: 0` argument, for the fix that restores the SDK's own retries. */
  retriesDisabledSpan?: Span;
  /** Variable, attribute or field the client is stored in, for messages. */
  variable?: string;
}

export type RetryKind =
  | "tenacity"
  | "backoff"
  | "loop"
  | "recursion"
  | "helper"
  | "urllib3"
  | "axios-retry"
  | "ky"
  | "got"
  | "p-retry"
  | "async-retry"
  | "exponential-backoff"
  | "promise-retry"
  | "cockatiel"
  | "stamina"
  | "retrying"
  | "custom-fetch";

/** A retry written in the user's code (never a library's built-in retry). */
export interface RetryConstruct {
  kind: RetryKind;
  /** Where diagnostics about this retry go: the decorator, the loop header, the helper's name. */
  span: Span;
  /** The wait expression (tenacity `wait=`, `time.sleep(...)`, `setTimeout` delay), for HF002/HF004 fixes. */
  waitSpan?: Span;
  /** What bounds it, as written (tenacity `stop=`, backoff `max_tries=`, a loop's `range(5)`, p-retry `retries:`), for explanations. */
  limitSpan?: Span;
  /** Retries (or surfaces) 429s from the calls it covers. */
  handles429: boolean;
  /** Waits on Retry-After (or the Hub's RateLimit t=) when the server sends it. */
  honorsRetryAfter: boolean;
  /** Waits at all between attempts. */
  waits: boolean;
  /** The wait has randomness (jitter). */
  hasJitter: boolean;
  /** Bounded in attempts or total time. */
  bounded: boolean;
  /** Its condition also retries 402 (credits exhausted): e.g. `retry_if_exception_type(HfHubHTTPError)` unfiltered. */
  retries402: boolean;
  /** Covers at least one HF call, or is a helper that exists to retry rate limits (mentions 429 / rate-limit errors). */
  relevant: boolean;
  /** Name of the helper function, for helpers. */
  name?: string;
}

/** What another file can import from this one. */
export interface RetryHelperFacts {
  name: string;
  /** callable: `helper(fn)` / `helper(lambda: ...)`; decorator: `@helper`; wrapper: `helper(...)` returns a wrapped client/fetch. */
  style: "callable" | "decorator" | "wrapper";
  handles429: boolean;
  honorsRetryAfter: boolean;
  hasJitter: boolean;
  bounded: boolean;
  retries402: boolean;
}

export interface ModuleFacts {
  retryHelpers: Record<string, RetryHelperFacts>;
  /** HF clients (and client factories) this file makes at module level, by name. */
  clients: Record<string, ExportedClient>;
}

export interface BillToEvidence {
  /** The org, when the code names it with a literal; undefined when the value is dynamic (env, config, state). */
  org?: string;
  span: Span;
  /** A dynamic value that means the same in any file of its language (`process.env.HF_BILL_TO`), for fixes. */
  expression?: { language: Language; text: string };
}

export interface FileModel {
  language: Language;
  calls: HfCall[];
  clients: ClientConstruction[];
  retries: RetryConstruct[];
  /** Orgs this file bills (bill_to=, billTo, X-HF-Bill-To literals): an organization context for the workspace. */
  billToEvidence: BillToEvidence[];
  exports: ModuleFacts;
  /** True when the parser had to recover from syntax errors (analysis is still as complete as it could be). */
  hasSyntaxErrors: boolean;
  /**
   * Where the syntax errors are: the spans of the top-level statements holding them (incremental/locate.ts:
   * brokenSpans), when there are any. An editor holds a broken statement's last diagnostics while it is typed.
   */
  brokenStatements?: Span[];
}

export function emptyModel(language: Language): FileModel {
  return {
    language,
    calls: [],
    clients: [],
    retries: [],
    billToEvidence: [],
    exports: { retryHelpers: {}, clients: {} },
    hasSyntaxErrors: false,
  };
}

/** Versions read from the nearest manifests / lock files; undefined means unknown (assume the newest). */
export interface PackageVersions {
  huggingface_hub?: string;
  smolagents?: string;
  openai?: string;
  /** Present when the Python project depends on tenacity (the HF001 fix then offers a tenacity variant). */
  tenacity?: string;
  /** Present when the Python project depends on backoff (the HF001 fix is then written with it). */
  backoff?: string;
  "@huggingface/inference"?: string;
  "openai-js"?: string;
  /** Present when the JS project depends on p-retry. */
  "p-retry"?: string;
  /** axios-retry's version: its `isRetryableError` admits 429 only from 4.2 (docs/hf-facts.md, "Retry libraries"). */
  "axios-retry"?: string;
}

export interface FrontendInput {
  /** Absolute path, used for messages and for resolving relative imports. */
  path: string;
  text: string;
  versions: PackageVersions;
  /**
   * Keep what makes the next version of this file fast to analyse (its tree, name tables and per-statement
   * results): an editor's files change keystroke by keystroke. False for one-shot runs (the CLI), which would only
   * hold memory with it.
   */
  keep?: boolean;
  /** What this file kept from its last version (owned by the Analyzer's entry for it); only read when `keep`. */
  state?: FileState;
}
