// The registry of library profiles, and every table the analyzer derives from them: the client catalogs of both
// frontends, which except clauses catch a 429, JS error shapes, retry libraries, the package names version
// detection reads, and the words of the text prefilter. Adding a library: its profile file, its line below.
import type { PackageVersions } from "../model";
import { agnoProfile } from "./agno";
import { aiSdkProfile } from "./aiSdk";
import { aiohttpProfile } from "./aiohttp";
import { asyncRetryProfile } from "./asyncRetry";
import { axiosProfile } from "./axios";
import { axiosRetryProfile } from "./axiosRetry";
import { backoffProfile } from "./backoff";
import { cockatielProfile } from "./cockatiel";
import { exponentialBackoffProfile } from "./exponentialBackoff";
import { fetchProfile } from "./fetch";
import { gotProfile } from "./got";
import { haystackProfile } from "./haystack";
import { httpxProfile } from "./httpx";
import { huggingfaceHubProfile } from "./huggingfaceHub";
import { huggingfaceHubJsProfile } from "./huggingfaceHubJs";
import { huggingfaceInferenceProfile } from "./huggingfaceInference";
import { kyProfile } from "./ky";
import { langchainJsProfile, langchainPythonProfile } from "./langchain";
import { litellmProfile } from "./litellm";
import { llamaIndexProfile } from "./llamaIndex";
import { openaiJsProfile, openaiPythonProfile } from "./openai";
import { pRetryProfile } from "./pRetry";
import { promiseRetryProfile } from "./promiseRetry";
import { requestsProfile } from "./requests";
import { retryingProfile } from "./retrying";
import { smolagentsProfile } from "./smolagents";
import { staminaProfile } from "./stamina";
import { tenacityProfile } from "./tenacity";
import type { FrameworkClass } from "./frameworks";
import type {
  BillToOptions,
  ErrorShape,
  JsClientKind,
  JsProfile,
  JsRaise,
  LibraryProfile,
  PyClientKind,
  PyErrorShape,
  PyRaise,
  PythonProfile,
} from "./types";
import { urllib3Profile } from "./urllib3";

export const PROFILES: readonly LibraryProfile[] = [
  huggingfaceHubProfile,
  openaiPythonProfile,
  requestsProfile,
  httpxProfile,
  aiohttpProfile,
  langchainPythonProfile,
  agnoProfile,
  llamaIndexProfile,
  haystackProfile,
  smolagentsProfile,
  litellmProfile,
  tenacityProfile,
  backoffProfile,
  urllib3Profile,
  staminaProfile,
  retryingProfile,
  huggingfaceInferenceProfile,
  huggingfaceHubJsProfile,
  openaiJsProfile,
  fetchProfile,
  axiosProfile,
  kyProfile,
  gotProfile,
  langchainJsProfile,
  aiSdkProfile,
  axiosRetryProfile,
  pRetryProfile,
  asyncRetryProfile,
  promiseRetryProfile,
  exponentialBackoffProfile,
  cockatielProfile,
];

const python = PROFILES.filter((p): p is PythonProfile => p.language === "python");
const js = PROFILES.filter((p): p is JsProfile => p.language === "js");

// ---- Bill-to ------------------------------------------------------------------------------------------------

/** A library's bill-to options, every name filled in. */
export type BillToNames = Required<Pick<BillToOptions, "clientHeaders" | "callHeaders">> &
  Pick<BillToOptions, "option" | "inDict">;

/**
 * The names read where a profile names none: most clients take `headers` when built; a Python request's own
 * headers are looked for in `extra_headers=` (the OpenAI-style SDKs) and then `headers=`, a JS request's in the
 * `headers` of its options.
 */
const BILL_TO_DEFAULTS = {
  python: { clientHeaders: "headers", callHeaders: ["extra_headers", "headers"] },
  js: { clientHeaders: "headers", callHeaders: ["headers"] },
};

/** The bill-to options of a profile, defaults filled in. */
function billToNames(p: LibraryProfile): BillToNames {
  const { clientHeaders, callHeaders, option, inDict } = { ...BILL_TO_DEFAULTS[p.language], ...p.billTo };
  return { clientHeaders, callHeaders, option, inDict };
}

/** By Python module: the options naming where its requests go (profile `endpoint`). */
export const PY_ENDPOINT = new Map(python.flatMap((p) => p.modules.map((m) => [m, p.endpoint ?? []] as const)));
const JS_ENDPOINT = new Map(js.flatMap((p) => [p.id, ...p.modules].map((m) => [m, p.endpoint ?? []] as const)));
/** A JS library's options naming where its requests go, by profile id or module. */
export function jsEndpoint(library: string): string[] {
  return JS_ENDPOINT.get(library) ?? [];
}

/** By Python module: where its clients and requests take X-HF-Bill-To (requests' `headers=`, `bill_to=`). */
export const PY_BILL_TO = new Map(python.flatMap((p) => p.modules.map((m) => [m, billToNames(p)] as const)));
/** By JS profile id and module: where its clients and requests take X-HF-Bill-To (`defaultHeaders`, `billTo`). */
const JS_BILL_TO = new Map(js.flatMap((p) => [p.id, ...p.modules].map((m) => [m, billToNames(p)] as const)));
/** A JS library's bill-to names, by profile id or module (the conventional names for a library without a profile). */
export function jsBillTo(library: string): BillToNames {
  return JS_BILL_TO.get(library) ?? BILL_TO_DEFAULTS.js;
}

// ---- Python -------------------------------------------------------------------------------------------------

export interface PyClientClass {
  kind: PyClientKind;
  /** The module the class comes from (its qualified name's root), as call messages name it. */
  library: string;
  className: string;
  isAsync: boolean;
  /** Framework classes (LangChain, agno, LlamaIndex, Haystack): their entry in the profile. */
  framework?: FrameworkClass;
  /** Where its constructor and its requests take X-HF-Bill-To (the profile's, with the conventional names). */
  billTo: BillToNames;
  /** Constructor options naming where its requests go (the profile's `endpoint`). */
  endpoint: string[];
}

/** Qualified class name -> what an instance is. */
export const PY_CLIENT_CLASSES = new Map<string, PyClientClass>();
for (const p of python) {
  for (const c of p.clients ?? []) {
    const parts = c.qualified.split(".");
    PY_CLIENT_CLASSES.set(c.qualified, {
      kind: c.kind,
      library: parts[0],
      className: parts.pop()!,
      isAsync: !!c.isAsync,
      billTo: billToNames(p),
      endpoint: p.endpoint ?? [],
    });
  }
  for (const framework of p.frameworks?.classes ?? []) {
    const kind = p.frameworks!.kind ?? (framework.role === "agent" ? "framework-agent" : "framework-model");
    for (const q of framework.paths) {
      const parts = q.split(".");
      PY_CLIENT_CLASSES.set(q, {
        kind,
        library: parts[0],
        className: parts.pop()!,
        isAsync: false,
        framework,
        billTo: billToNames(p),
        endpoint: p.endpoint ?? [],
      });
    }
  }
}

/** What an except clause may name to catch a 429, per raise kind (several profiles may share one kind). */
export const PY_CAUGHT = new Map<PyRaise, { type: string; hub?: 0 | 1 }[]>();
for (const p of python) {
  if (!p.on429) continue;
  const list = PY_CAUGHT.get(p.on429.raises) ?? [];
  for (const c of p.on429.caught) if (!list.some((x) => x.type === c.type && x.hub === c.hub)) list.push(c);
  PY_CAUGHT.set(p.on429.raises, list);
}

/** Per raise kind: where its 429 error keeps the status (profile `errorShape`; profiles sharing a kind agree). */
export const PY_ERROR_SHAPES = new Map<PyRaise, PyErrorShape>(
  python.flatMap((p) => (p.errorShape && p.on429 ? [[p.on429.raises, p.errorShape] as const] : [])),
);

/** Exception types raised for an HTTP error status, and for a failed connection only (profile `errorTypes`). */
export const ERROR_TYPES = {
  status: python.flatMap((p) => p.errorTypes?.status ?? []),
  transport: python.flatMap((p) => p.errorTypes?.transport ?? []),
};

/** The import names of every profile, per language: a name imported from one is a library's, never a user's helper. */
export const PROFILE_MODULES = {
  python: [...new Set(python.flatMap((p) => p.modules))],
  js: [...new Set(js.flatMap((p) => p.modules))],
};

/** A raw HTTP client library (requests, httpx, aiohttp), by module: what sends a request, what a 429 is. */
export interface PyHttpLibrary {
  methods: Set<string>;
  verbFirst: Set<string>;
  moduleFunctions: boolean;
  raises: PyRaise;
}
export const PY_HTTP = new Map<string, PyHttpLibrary>();
for (const p of python) {
  if (!p.http) continue;
  const entry: PyHttpLibrary = {
    methods: new Set(p.http.methods),
    verbFirst: new Set(p.http.verbFirst),
    moduleFunctions: !!p.http.moduleFunctions,
    raises: p.on429?.raises ?? "response",
  };
  for (const m of p.modules) PY_HTTP.set(m, entry);
}

/** Per Python module: the client option that only retries failed connections (profile `connectionRetries`). */
export const PY_CONNECTION_RETRIES = new Map(
  python.flatMap((p) => (p.connectionRetries ? p.modules.map((m) => [m, p.connectionRetries!] as const) : [])),
);

/** How responses are made to raise on an error status, from every Python profile (profile `raisesThrough`). */
export const PY_RAISES_THROUGH = {
  methods: new Set(python.flatMap((p) => (p.raisesThrough?.method ? [p.raisesThrough.method] : []))),
  options: new Set(python.flatMap((p) => (p.raisesThrough?.option ? [p.raisesThrough.option] : []))),
  functions: new Map(
    python.flatMap((p) =>
      p.raisesThrough?.function ? [[p.raisesThrough.function.name, p.raisesThrough.function.raises] as const] : [],
    ),
  ),
};

/** Retry decorators provided by libraries (stamina, retrying), by qualified name. */
export const PY_RETRY_DECORATORS = new Map(
  python.flatMap((p) => (p.retryDecorator ? p.retryDecorator.qualified.map((q) => [q, p] as const) : [])),
);

// ---- JS/TS --------------------------------------------------------------------------------------------------

export const JS_CLIENT_CLASSES = new Map<string, { kind: JsClientKind; library: string; className: string }>(
  js.flatMap((p) =>
    (p.clients ?? []).map((c) => [c.qualified, { kind: c.kind, library: p.id, className: c.className }] as const),
  ),
);

export const JS_FACTORIES = new Map<string, JsClientKind>(
  js.flatMap((p) => (p.factories ?? []).map((f) => [f.qualified, f.kind] as const)),
);

/** Raw HTTP libraries (fetch, axios, ky, got), by profile id and by module: their request methods, their 429. */
export interface JsHttpLibrary {
  id: string;
  methods: Set<string>;
  raises: JsRaise;
}
export const JS_HTTP = new Map<string, JsHttpLibrary>();
/** Qualified names called directly with a URL (`fetch`, `axios.default`) -> the library's profile id. */
export const JS_HTTP_CALLABLES = new Map<string, string>();
for (const p of js) {
  if (!p.http) continue;
  const entry: JsHttpLibrary = { id: p.id, methods: new Set(p.http.methods), raises: p.errorShape?.raises ?? "fetch" };
  for (const key of [p.id, ...p.modules]) JS_HTTP.set(key, entry);
  for (const q of p.http.callables ?? []) JS_HTTP_CALLABLES.set(q, p.id);
}

/** Per raise kind: the error a catch sees on 429 (what it must read to see the status, the reads that never match). */
export const JS_ERROR_SHAPES = new Map<JsRaise, ErrorShape>(
  js.flatMap((p) => (p.errorShape ? [[p.errorShape.raises, p.errorShape] as const] : [])),
);

/** Retry functions an operation is passed into, by qualified callee. */
export const JS_RETRY_HELPERS = new Map(
  js.flatMap((p) => (p.retryHelper ? p.retryHelper.qualified.map((q) => [q, p] as const) : [])),
);

// ---- Retries set up per client or session ----------------------------------------------------------------

/** Per HTTP library (profile id): the retry that can be set up on its clients, with the profile stating it. */
const configuredRetries = (ps: LibraryProfile[]) =>
  new Map(ps.flatMap((p) => (p.configuredRetry ? [[p.configuredRetry.retries, p] as const] : [])));
export const PY_CONFIGURED_RETRIES = configuredRetries(python);
export const JS_CONFIGURED_RETRIES = configuredRetries(js);

// ---- Built-in retries ---------------------------------------------------------------------------------------

/** A library's own retry (profile `builtinRetry`) with the version key its `since` is read in. */
export type BuiltinRetry = NonNullable<LibraryProfile["builtinRetry"]> & { versionKey?: keyof PackageVersions };
const builtinRetry = (p: LibraryProfile): BuiltinRetry => ({ ...p.builtinRetry!, versionKey: p.versions?.key });
/** By Python module and by JS profile id. */
export const PY_BUILTIN_RETRIES = new Map(
  python.flatMap((p) => (p.builtinRetry ? p.modules.map((m) => [m, builtinRetry(p)] as const) : [])),
);
export const JS_BUILTIN_RETRIES = new Map(
  js.flatMap((p) => (p.builtinRetry ? [[p.id, builtinRetry(p)] as const] : [])),
);

// ---- Versions -----------------------------------------------------------------------------------------------

type VersionKey = keyof PackageVersions;
const versionNames = (ps: LibraryProfile[]): Record<string, VersionKey> =>
  Object.fromEntries(ps.flatMap((p) => (p.versions ? p.versions.names.map((n) => [n, p.versions!.key]) : [])));

/** Manifest/lock package names -> the PackageVersions key, per language. */
export const PY_VERSION_NAMES = versionNames(python);
export const JS_VERSION_NAMES = versionNames(js);
/** Keys whose presence matters (the fixes use the retry library a project depends on), pinned or not. */
export const PRESENCE_KEYS = new Set<VersionKey>(
  PROFILES.flatMap((p) => (p.versions?.presence ? [p.versions.key] : [])),
);

// ---- Prefilter ----------------------------------------------------------------------------------------------

/**
 * What one profile needs a file to hold before the frontend could find anything of that library in it (profile
 * `prefilter`; prefilter.ts looks for it): one of `modules` named in code (JS: as a module specifier) or one of
 * `globals`, then one of `names` when listed, and an HF host or HF token when `destination`.
 */
export interface PrefilterNeed {
  id: string;
  modules: string[];
  globals: string[];
  names?: string[];
  destination: boolean;
}

/** The last part of a qualified name: what code writes to use it (`huggingface_hub.InferenceClient`). */
const lastPart = (q: string): string =>
  q
    .slice(q.lastIndexOf("/") + 1)
    .split(".")
    .pop()!;

/** Every qualified name a profile lists: what its frontend can recognise a use of the library by. */
function qualifiedNames(p: LibraryProfile): string[] {
  const common = [...(p.http?.callables ?? []), ...(p.configuredRetry?.setup ?? [])];
  if (p.language === "python")
    return [
      ...common,
      ...(p.clients ?? []).map((c) => c.qualified),
      ...(p.frameworks?.classes ?? []).flatMap((c) => c.paths),
      ...(p.retryDecorator?.qualified ?? []),
    ];
  return [
    ...common,
    ...(p.clients ?? []).map((c) => c.qualified),
    ...(p.factories ?? []).map((f) => f.qualified),
    ...(p.retryHelper?.qualified ?? []),
  ];
}

function prefilterNeed(p: LibraryProfile): PrefilterNeed {
  const names =
    p.prefilter.needs === "names"
      ? [...new Set([...qualifiedNames(p).map(lastPart), ...(p.prefilter.calls ?? [])])]
      : undefined;
  return {
    id: p.id,
    modules: p.modules,
    globals: p.language === "js" ? (p.globals ?? []) : [],
    names,
    destination: p.prefilter.needs === "hf-destination",
  };
}

export const PY_PREFILTER: readonly PrefilterNeed[] = python.map(prefilterNeed);
export const JS_PREFILTER: readonly PrefilterNeed[] = js.map(prefilterNeed);
