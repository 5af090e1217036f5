// Finding HF calls: methods on known clients, Hub functions, raw HTTP to HF hosts, litellm.
import type { PyNode } from "./tree";
import type { BillTo, ImportedClientRef, PackageVersions, Surface } from "../model";
import { PY_BILL_TO, PY_BUILTIN_RETRIES, PY_ENDPOINT, PY_HTTP } from "../profiles";
import {
  HFAPI_NON_CALLS,
  HTTP_BACKOFF,
  HUB_DOWNLOADS,
  HUB_FUNCTIONS,
  INFERENCE_NON_CALLS,
  INFERENCE_TASK_METHODS,
} from "../profiles/huggingfaceHub";
import { isCoroutineMethod } from "../profiles/frameworks";
import { OPENAI_GROUPS, OPENAI_REQUEST_METHODS } from "../profiles/openai";
import { SMOLAGENTS_AGENT_METHODS, SMOLAGENTS_MODEL_METHODS } from "../profiles/smolagents";
import {
  LITELLM_CALLS,
  LITELLM_NUM_RETRIES,
  LITELLM_OPENAI_RETRY,
  LITELLM_OPENAI_RETRY_OFF,
  LITELLM_RETRIES_OFF,
  LITELLM_RETRY_OPTIONS,
  litellmRoute,
} from "../profiles/litellm";
import { classifyUrl, LANGCHAIN_METHODS } from "./catalog";
import type { ClientTracker, PyClient } from "./clients";
import type { Scope } from "./scope";
import { firstKeyword, kwargs, methodCall, positionalArgs } from "./syntax";
import { carriesHfToken } from "./authHeader";
import type { StatusRaise } from "./statusRaise";
import { hostUnknown } from "../hfToken";

/** What a 429 looks like to the caller's code. */
export type RaiseKind = "hf" | "openai" | "response" | "aiohttp-response" | "litellm" | "smolagents";

export interface PyCall {
  /** The call expression (for a method passed by reference, the reference). */
  node: PyNode;
  callee: string;
  library: string;
  surface: Surface;
  client?: PyClient;
  raises: RaiseKind;
  isAsync: boolean;
  isStreaming: boolean;
  billTo: BillTo;
  /** The library retries 429 itself (e.g. OpenAI SDK); names it. */
  builtinRetry?: string;
  /** The library's own retry was switched off, for the message. */
  builtinDisabled?: string;
  /** The user's status check that raises on 429 after this call (`if not r.ok: raise`), once protection looked. */
  statusRaise?: StatusRaise;
  /** A call on an imported client, kept when the module exports one (fromFile is filled in by the frontend). */
  viaImport?: Omit<ImportedClientRef, "fromFile">;
}

export interface CallContext {
  scope: Scope;
  clients: ClientTracker;
  billToOf(headers: PyNode | undefined): BillTo;
  atLeast(pkg: keyof PackageVersions, version: string): boolean;
}

/** Recognises `node` (a call, or an attribute passed by reference) as an HF call, or returns undefined. */
export function recognise(ctx: CallContext, node: PyNode): PyCall | undefined {
  if (node.type === "attribute") return methodReference(ctx, node);
  const fn = node.childForFieldName("function");
  if (!fn) return undefined;
  const method = methodCall(node);
  if (method) {
    const found = onClient(ctx, node, method[0], method[1]);
    if (found) return found;
  }
  if (fn.type === "identifier") {
    // smolagents models are callables: `model(messages)`.
    const client = ctx.clients.clientOf(fn);
    if (client?.cls.kind === "smolagents-model" && client.surface)
      return clientCall(ctx, node, client, fn.text, fn.text);
    // The legacy InferenceApi object is called directly; it returns the parsed body, a 429 included, never raising.
    if (client?.cls.kind === "inference-api" && client.surface)
      return { ...clientCall(ctx, node, client, fn.text, "__call__"), raises: "response" };
  }
  return onModule(ctx, node, fn);
}

function methodReference(ctx: CallContext, ref: PyNode): PyCall | undefined {
  const obj = ref.childForFieldName("object");
  const attr = ref.childForFieldName("attribute")?.text;
  if (!obj || !attr || ref.parent?.type !== "argument_list") return undefined;
  return onClient(ctx, ref, obj, attr);
}

function onClient(ctx: CallContext, node: PyNode, object: PyNode, method: string): PyCall | undefined {
  // client.chat.completions.create -> the client is `client`.
  let base = object;
  const path: string[] = [];
  while (base.type === "attribute" && OPENAI_GROUPS.has(base.childForFieldName("attribute")?.text ?? "")) {
    path.unshift(base.childForFieldName("attribute")!.text);
    base = base.childForFieldName("object")!;
  }
  const client = ctx.clients.clientOf(base);
  if (!client) return importedClientCall(ctx, node, base, method, path);
  const callee = node.type === "call" ? node.childForFieldName("function")!.text : node.text;
  switch (client.cls.kind) {
    case "inference":
      if (INFERENCE_NON_CALLS.has(method) || method.startsWith("_") || !client.surface) return undefined;
      return clientCall(ctx, node, client, callee, method);
    case "hfapi": {
      if (HFAPI_NON_CALLS.has(method) || method.startsWith("_")) return undefined;
      const download = HUB_DOWNLOADS.has(method);
      return {
        ...clientCall(ctx, node, client, callee, method),
        surface: download ? "hub-download" : "hub",
        builtinRetry: download ? hubRetry(ctx) : undefined,
      };
    }
    case "openai": {
      if (!client.surface || !OPENAI_REQUEST_METHODS.has(method) || path.length === 0) return undefined;
      const surface: Surface = path[0] === "models" ? "router-models" : client.surface;
      return { ...clientCall(ctx, node, client, callee, method), surface };
    }
    case "requests-session":
    case "httpx-client":
    case "aiohttp-session":
      return httpCall(ctx, node, method, client, callee);
    case "langchain":
      if (!LANGCHAIN_METHODS.has(method) || !client.surface) return undefined;
      return clientCall(ctx, node, client, callee, method);
    case "smolagents-model":
      if (!SMOLAGENTS_MODEL_METHODS.has(method) || !client.surface) return undefined;
      return clientCall(ctx, node, client, callee, method);
    case "smolagents-agent":
      if (!SMOLAGENTS_AGENT_METHODS.has(method) || !client.surface) return undefined;
      return clientCall(ctx, node, client, callee, method);
    case "framework-model":
    case "framework-agent":
      if (!client.cls.framework?.methods.includes(method) || !client.surface) return undefined;
      return clientCall(ctx, node, client, callee, method);
  }
}

/**
 * `client.chat_completion(...)` on a client imported from another workspace module (`from .config import client`,
 * `from app.hf import get_client`): a tentative call that the workspace keeps only when that module exports an HF
 * client under the name (see HfCall.viaImport).
 */
function importedClientCall(
  ctx: CallContext,
  node: PyNode,
  base: PyNode,
  method: string,
  path: string[],
): PyCall | undefined {
  if (node.type !== "call") return undefined;
  const chat = path.join(".") === "chat.completions" && method === "create";
  if (!chat && (path.length > 0 || !INFERENCE_TASK_METHODS.has(method))) return undefined;
  for (const leaf of ctx.scope.resolveAll(base, 4)) {
    let ref = leaf;
    let factory = false;
    if (leaf.type === "call" && positionalArgs(leaf).length === 0 && kwargs(leaf).size === 0) {
      ref = leaf.childForFieldName("function")!;
      factory = true;
    }
    if (ref.type !== "identifier" || ctx.scope.valuesOf(ref).length) continue;
    const imported = ctx.scope.importOf(ref.text);
    if (!imported) continue;
    const kw = kwargs(node);
    return {
      node,
      callee: node.childForFieldName("function")!.text,
      library: "huggingface_hub",
      surface: "router",
      raises: "hf",
      isAsync: false,
      isStreaming: kw.get("stream")?.text === "True" || /stream/.test(method),
      billTo: ctx.billToOf(firstKeyword(kw, PY_BILL_TO.get("huggingface_hub")!.callHeaders)),
      viaImport: { module: imported.module, name: imported.name, family: chat ? "chat" : "inference", factory },
    };
  }
  return undefined;
}

function clientCall(ctx: CallContext, node: PyNode, client: PyClient, callee: string, method: string): PyCall {
  const kind = client.cls.kind;
  const kw = node.type === "call" ? kwargs(node) : new Map<string, PyNode>();
  const stream = kw.get("stream")?.text === "True" || /stream/.test(method);
  let billTo = client.billTo;
  const perCall = firstKeyword(kw, client.cls.billTo.callHeaders);
  if (!billTo.present && perCall) billTo = ctx.billToOf(perCall);
  const call: PyCall = {
    node,
    callee,
    library: client.cls.library,
    surface: client.surface!,
    client,
    raises: client.cls.framework?.returnsErrorBody
      ? "response"
      : kind === "openai"
        ? "openai"
        : kind.startsWith("smolagents")
          ? "smolagents"
          : "hf",
    isAsync: client.cls.isAsync || isCoroutineMethod(method),
    isStreaming: stream,
    billTo,
  };
  // The client library's own retry (its profile's builtinRetry), unless the client's option switched it off or
  // the project's version predates it. huggingface_hub's covers downloads and http_backoff only (hubRetry).
  const builtin =
    kind === "openai" || kind.startsWith("smolagents") ? PY_BUILTIN_RETRIES.get(client.cls.library) : undefined;
  if (builtin?.off && (client.retriesDisabled || client.retryOff)) call.builtinDisabled = builtin.off.note;
  else if (builtin && (!builtin.since || (builtin.versionKey && ctx.atLeast(builtin.versionKey, builtin.since))))
    call.builtinRetry = builtin.note;
  if (client.libraryRetry) call.builtinRetry = client.libraryRetry;
  return call;
}

function httpCall(
  ctx: CallContext,
  node: PyNode,
  method: string,
  client: PyClient | undefined,
  callee: string,
): PyCall | undefined {
  const library = client?.cls.library ?? callee.split(".")[0];
  const http = PY_HTTP.get(library);
  if (!http?.methods.has(method) || node.type !== "call") return undefined;
  const args = positionalArgs(node);
  const kw = kwargs(node);
  // `request(method, url)`, and httpx's `stream(method, url)`.
  const withVerb = http.verbFirst.has(method);
  const urlNode = kw.get("url") ?? (withVerb ? args[1] : args[0]);
  const verb = withVerb ? (ctx.scope.evalString(args[0]) ?? "post").toLowerCase() : method;
  const url = urlNode ? ctx.scope.evalString(urlNode) : undefined;
  const known = url ? classifyUrl(url, verb) : "other";
  // A URL this file cannot resolve, sent with an HF token: an HF call whose surface is unknown.
  const host =
    known !== "other"
      ? known
      : urlNode && hostUnknown(url) && carriesHfToken(ctx.scope, kw.get("headers"))
        ? "unknown"
        : undefined;
  if (!host) return undefined;
  const billTo = ctx.billToOf(firstKeyword(kw, PY_BILL_TO.get(library)!.callHeaders));
  return {
    node,
    callee,
    library,
    surface: host,
    client,
    raises: http.raises,
    isAsync: client?.cls.isAsync ?? false,
    isStreaming: kw.get("stream")?.text === "True" || method === "stream",
    billTo: billTo.present ? billTo : (client?.billTo ?? billTo),
  };
}

function onModule(ctx: CallContext, node: PyNode, fn: PyNode): PyCall | undefined {
  const q = ctx.scope.qualify(fn);
  if (!q) return undefined;
  const [pkg, ...rest] = q.split(".");
  const name = rest[rest.length - 1];
  if (PY_HTTP.get(pkg)?.moduleFunctions && rest.length === 1) return httpCall(ctx, node, name, undefined, q);
  if (pkg === "huggingface_hub") {
    if (name === HTTP_BACKOFF.name) {
      const args = positionalArgs(node);
      const url = ctx.scope.evalString(kwargs(node).get("url") ?? args[1]);
      const host = url ? classifyUrl(url, (ctx.scope.evalString(args[0]) ?? "post").toLowerCase()) : "hub";
      if (host === "other") return undefined;
      const call: PyCall = {
        node,
        callee: fn.text,
        library: "huggingface_hub",
        surface: host,
        raises: "response",
        isAsync: false,
        isStreaming: false,
        billTo: ctx.billToOf(kwargs(node).get("headers")),
      };
      if (hubRetry(ctx)) call.builtinRetry = HTTP_BACKOFF.retries;
      else call.builtinDisabled = HTTP_BACKOFF.before;
      return call;
    }
    if (HUB_DOWNLOADS.has(name) || HUB_FUNCTIONS.has(name)) {
      const download = HUB_DOWNLOADS.has(name);
      return {
        node,
        callee: fn.text,
        library: "huggingface_hub",
        surface: download ? "hub-download" : "hub",
        raises: "hf",
        isAsync: false,
        isStreaming: false,
        billTo: { present: false },
        builtinRetry: download ? hubRetry(ctx) : undefined,
      };
    }
  }
  if (pkg === "litellm" && LITELLM_CALLS.has(name)) {
    const kw = kwargs(node);
    const model = ctx.scope.evalString(kw.get("model") ?? positionalArgs(node)[0]);
    const base = firstKeyword(kw, PY_ENDPOINT.get("litellm")!);
    const route = litellmRoute(model, base ? ctx.scope.evalString(base) : undefined);
    if (!route) return undefined;
    const retries = firstKeyword(kw, LITELLM_RETRY_OPTIONS);
    const off = retries?.text.trim() === LITELLM_RETRIES_OFF;
    return {
      node,
      callee: fn.text,
      library: "litellm",
      surface: "router",
      raises: "litellm",
      isAsync: name.startsWith("a"),
      isStreaming: kw.get("stream")?.text === "True",
      billTo: ctx.billToOf(firstKeyword(kw, PY_BILL_TO.get("litellm")!.callHeaders)),
      builtinRetry:
        route === "openai"
          ? off
            ? undefined
            : LITELLM_OPENAI_RETRY
          : retries && !off
            ? LITELLM_NUM_RETRIES
            : undefined,
      builtinDisabled: route === "openai" && off ? LITELLM_OPENAI_RETRY_OFF : undefined,
    };
  }
  return undefined;
}

/** huggingface_hub's own retry of downloads, uploads and http_backoff, when its version has it. */
function hubRetry(ctx: CallContext): string | undefined {
  const builtin = PY_BUILTIN_RETRIES.get("huggingface_hub");
  return builtin?.since && ctx.atLeast("huggingface_hub", builtin.since) ? builtin.note : undefined;
}
