// What one library profile says. A profile is data only: the frontends and the prefilter read the tables that
// `index.ts` derives from all profiles, so adding a library is one profile file plus its line in `index.ts`.
// The facts behind each profile are in docs/hf-facts.md, with their sources.
import type { PackageVersions, RetryKind } from "../model";
import type { FrameworkClass } from "./frameworks";

/** Python client kinds: how the Python frontend treats an instance of a constructed class. */
export type PyClientKind =
  | "inference"
  | "hfapi"
  | "openai"
  | "requests-session"
  | "httpx-client"
  | "aiohttp-session"
  | "langchain"
  | "smolagents-model"
  | "smolagents-agent"
  | "inference-api"
  | "framework-model"
  | "framework-agent";

/** How a 429 reaches Python code: the exception family a call raises (or a Response it returns). */
export type PyRaise = "hf" | "openai" | "response" | "aiohttp-response" | "litellm" | "smolagents";

/** JS/TS client kinds. */
export type JsClientKind = "hfjs" | "openai" | "axios" | "ky" | "got" | "aisdk-provider" | "langchain";

/** How a 429 reaches JS/TS code. */
export type JsRaise =
  | "hfjs" // @huggingface/inference: err.httpResponse.status (>= 4.0), plain Error before
  | "hubjs" // @huggingface/hub: HubApiError.statusCode
  | "openai" // RateLimitError, err.status
  | "fetch" // a Response; never throws on 429
  | "axios" // throws; err.response.status
  | "ky" // throws HTTPError; err.response.status
  | "got" // throws HTTPError; err.response.statusCode
  | "aisdk" // APICallError.statusCode
  | "langchain";

interface ProfileBase {
  /** The library's own name, as a user would write it in a manifest ("huggingface_hub", "exponential-backoff"). */
  id: string;
  /** Import names that mark a file as using the library (Python top-level packages, npm package names). */
  modules: string[];
  /**
   * What a file must hold for this library to give the analyzer anything there; the text prefilter (prefilter.ts)
   * parses no other file, so this must hold in every real use. Always one of `modules` named in code (an import, or
   * one of `globals`), and then:
   * - "module": nothing more (every function @huggingface/hub exports is an HF call);
   * - "names": one of the names the frontend recognises, in code: the last part of each qualified name this profile
   *   lists (clients, framework classes, factories, retry helpers and decorators, callables) and `calls`;
   * - "hf-destination": an HF host, or an Authorization header with an HF token: a generic HTTP client or SDK reaches
   *   HF only through the URL or token it is given (profiles/hosts.ts, hfToken.ts).
   * Retry libraries say "module": their use matters only around an HF call or in a retry helper, which the
   * prefilter finds by their own words.
   */
  prefilter: { needs: "module" | "names" | "hf-destination"; calls?: string[] };
  /** Package names in manifests and lock files, and the PackageVersions key their version fills. */
  versions?: {
    key: keyof PackageVersions;
    names: string[];
    /** the fixes care that it is installed at all */ presence?: boolean;
  };
  /**
   * A raw HTTP client: the method names that send one request each, on its client instances and (with
   * `moduleFunctions`) on the module itself (`requests.get(url)`); `verbFirst` are those whose first argument is
   * the HTTP method (`request("POST", url)`). `callables` are qualified names called directly with a URL
   * (`fetch(url, init)`, `axios(url)`, `axios({ url, method })`).
   */
  http?: { methods?: string[]; verbFirst?: string[]; moduleFunctions?: boolean; callables?: string[] };
  /**
   * The library's own retry of a 429, as messages name it (`note`), the first version that has it (`since`, in
   * the profile's `versions` key), and the client option whose `value` switches it off (said by `off.note`).
   */
  builtinRetry?: { note: string; since?: string; off?: { option: string; value: string; note: string } };
  /**
   * Options of its clients that look like a retry of failed requests but only retry failed connections, never a
   * 429 (httpx's transport `retries=`, requests' `HTTPAdapter(max_retries=<int>)`), with how messages say so.
   */
  connectionRetries?: { option: string; note: string };
  /** A retry set up once per client or session (see ConfiguredRetry). */
  configuredRetry?: ConfiguredRetry;
  /** What the library does on 429 by itself, with its version gates (for docs and explanations). */
  selfRetry?: string;
  /**
   * Options naming where its clients' (or its calls') requests go, looked for in this order: `base_url=`,
   * `baseURL`, ky's and got's `prefixUrl`, `endpointUrl`. The frontend classifies the URL written there.
   */
  endpoint?: string[];
  /** How X-HF-Bill-To is passed through it, when it makes billed calls (see BillToOptions). */
  billTo?: BillToOptions;
}

/**
 * How X-HF-Bill-To goes through a library: `note` says it for docs; the option names are what the Python
 * frontend reads where a client is built and where a request is made (docs/hf-facts.md, "X-HF-Bill-To"). Options a
 * profile leaves out take the conventional names (profiles/index.ts: `PY_BILL_TO_DEFAULTS`).
 */
export interface BillToOptions {
  note: string;
  /** Constructor option whose headers go with every request (`default_headers=`). */
  clientHeaders?: string;
  /** Options of one request holding its headers, looked for in this order (`extra_headers=`, `headers=`). */
  callHeaders?: string[];
  /** Option naming the org directly: a constructor's (`bill_to=`), and in JS also a request's (`{ billTo }`). */
  option?: string;
  /** A constructor option holding a dictionary with the org under `key` (`server_kwargs={"bill_to": ...}`). */
  inDict?: { option: string; key: string };
}

/**
 * A retry library's defaults, as the frontend reads one use of it. Each trait is the library default, changed by
 * the option named next to it (docs/hf-facts.md, "Retry libraries").
 */
export interface RetryDefaults {
  kind: RetryKind;
  /** Option (keyword argument) that bounds attempts or time; `unbounded` says when its value lifts the bound. */
  limits: string[];
  boundedByDefault: boolean;
  unbounded?: RegExp;
  /** Whether it waits with randomness by default; the patterns that switch jitter on or off in its options. */
  jitterByDefault: boolean;
  jitterOn?: RegExp;
  jitterOff?: RegExp;
  /** Whether it waits at all between attempts by default, and the option text that makes it wait. */
  waitsByDefault: boolean;
  waitOn?: RegExp;
  /** Option holding a "retry this result?" predicate (a Response with 429 is retried only through one). */
  resultPredicate?: string;
  /** Option holding the "retry this error?" predicate; without one every error is retried (402 included). */
  predicate?: string;
}

/**
 * A retry set up once for a client or session rather than around a call: urllib3's `Retry` mounted on a requests
 * Session, ky's and got's `retry` option, axios-retry attached to an axios instance. The frontend finds where it is
 * set up (syntax); these are the library's facts it reads the set-up with: option names, defaults, what they mean
 * (docs/hf-facts.md, "Retry libraries").
 */
export interface ConfiguredRetry {
  /** The profile id of the HTTP library whose requests it retries. */
  retries: string;
  /** Qualified calls that attach it to an instance (`axiosRetry(instance, options)`); the instance is argument 0. */
  setup?: string[];
  /** Options bounding the attempts (`total`, `limit`); a value matching `off` switches retrying off. */
  limits: string[];
  off?: RegExp;
  /**
   * Options listing the HTTP methods it retries (current name first; older aliases after), the methods it retries
   * when none is written (lower case), and the value that admits every method (urllib3's `allowed_methods=None`).
   * `methodsCase: "upper"`: the library compares the listed names as written with the upper-case method.
   */
  methods?: { options: string[]; defaults: string[]; every?: string; case?: "upper" };
  /**
   * Option listing the statuses it retries. Without 429 there, a 429 is still retried (`always`: ky, got, whose
   * default lists hold it), only when the response sends Retry-After (`with-retry-after`: urllib3, whose
   * `respect_retry_after_header` defaults to True), or as its predicate decides (`predicate`: axios-retry).
   */
  statuses?: string;
  default429: "always" | "with-retry-after" | "predicate";
  /** Whether it waits the Retry-After a response sends, and the option that can switch that off. */
  honoursRetryAfter: boolean;
  retryAfterOption?: string;
  /** Option holding code that decides which failures are retried; what its default decides about POST and 429. */
  predicate?: { option: string; defaultSkips: string };
  /** Option setting the wait between attempts and its default (urllib3's backoff_factor 0: no wait but Retry-After). */
  backoff?: { option: string; default: string };
}

export interface PythonProfile extends ProfileBase {
  language: "python";
  /**
   * How code makes its responses raise on an error status (a 429 included): a method of the response
   * (`r.raise_for_status()`), a client option that makes every response raise (aiohttp's `raise_for_status=True`),
   * or a function of the library taking the response, with what it raises (`hf_raise_for_status(r)`).
   */
  raisesThrough?: { method?: string; option?: string; function?: { name: string; raises: PyRaise } };
  /** Classes whose instances are HF clients (or HTTP sessions that become HF calls with an HF URL). */
  clients?: { qualified: string; kind: PyClientKind; isAsync?: boolean }[];
  /**
   * Framework classes (frameworks.ts: import paths, request methods, default surface, retry switches); each path
   * becomes a client class of `kind`, or framework-model / framework-agent by its role when `kind` is absent.
   */
  frameworks?: { classes: FrameworkClass[]; kind?: PyClientKind };
  /**
   * What its calls raise on 429, and the exception types (`root.Name`, or a bare builtin name) an except clause
   * may name to catch it. `hub` limits an entry to huggingface_hub 1.x (`1`) or 0.x (`0`), whose error bases differ.
   */
  on429?: { raises: PyRaise; caught: { type: string; hub?: 0 | 1 }[] };
  /**
   * Its exception types (`root.Name`) raised for an HTTP error status, a 429 or a 402 among them (`status`), and
   * those raised only when no response came, a failed connection or a timeout (`transport`): a retry helper's
   * handler catching only the latter never retries a 429, and after a handler that leaves on the former, a broader
   * one sees only transport errors (decide/errorTypes.ts).
   */
  errorTypes?: { status?: string[]; transport?: string[] };
  /**
   * Where its 429 error keeps the status, for an except clause's 429 test (decide/errorShape.ts): the attributes
   * that hold it (`right`: `err.response`), those that look as if they did and are not there (`wrong`:
   * `err.status_code`), and how messages say where it is (`fix`).
   */
  errorShape?: PyErrorShape;
  /** A retry decorator this library provides (`@stamina.retry(...)`), by qualified name. */
  retryDecorator?: { qualified: string[]; defaults: RetryDefaults };
}

/** Where a Python library's 429 error keeps the status (PythonProfile `errorShape`). */
export interface PyErrorShape {
  right: string[];
  wrong: string[];
  fix: string;
}

/**
 * The error a JS catch sees on 429: what a handler must read to see the status (`right`), the reads that look
 * plausible but never match (`wrong`, with the reading to use instead), and, for errors that gained their status
 * in a release, the reads that match nothing before it (`since`: the package's version in the project decides).
 */
export interface ErrorShape {
  raises: JsRaise;
  right: RegExp;
  wrong?: { re: RegExp; fix: string };
  since?: { package: keyof PackageVersions; version: string; reads: RegExp; before: string };
}

export interface JsProfile extends ProfileBase {
  language: "js";
  /** Names used without an import (fetch). */
  globals?: string[];
  /** Classes whose instances are clients: qualified export name -> kind. */
  clients?: { qualified: string; kind: JsClientKind; className: string }[];
  /** Functions that make instances (`axios.create()`). */
  factories?: { qualified: string; kind: JsClientKind }[];
  /** The error a catch sees on 429 (decide/errorShape.ts judges a catch's 429 test against it). */
  errorShape?: ErrorShape;
  /**
   * A retry function the operation is passed into (`backOff(fn, opts)`, `pRetry(fn, opts)`), by qualified callee;
   * its options are the object-literal argument. `callback` is "retries-rejections" when every rejection is retried
   * unless an option says otherwise, "calls-retry" when the operation must call the retry function it is handed
   * (promise-retry). With `policyMethod`, the qualified call builds a policy and the operation goes to
   * `policy.<method>(fn)` (cockatiel's `retry(handleAll, opts).execute(fn)`); its first argument then decides
   * which errors are retried.
   */
  retryHelper?: {
    qualified: string[];
    callback: "retries-rejections" | "calls-retry";
    policyMethod?: string;
    defaults: RetryDefaults;
  };
}

export type LibraryProfile = PythonProfile | JsProfile;
