// Finding HF calls in JS/TS: @huggingface/inference clients and task functions, @huggingface/hub functions,
// the OpenAI SDK on the router, the AI SDK's HF provider, LangChain JS, and fetch/axios/ky/got to HF hosts.
import { carriesHfToken } from "./authHeader";
import { hostUnknown } from "../hfToken";
import ts from "typescript";
import type { BillTo, ImportedClientRef, Surface } from "../model";
import { JS_BUILTIN_RETRIES, JS_HTTP, JS_HTTP_CALLABLES, jsBillTo, jsEndpoint } from "../profiles";
import { AI_SDK_CALLS } from "../profiles/aiSdk";
import { classifyUrl } from "../profiles/hosts";
import { HUB_JS_DOWNLOADS } from "../profiles/huggingfaceHubJs";
import { HFJS_NON_CALLS, HFJS_NON_REQUEST_EXPORTS, HFJS_TASK_METHODS } from "../profiles/huggingfaceInference";
import { LANGCHAIN_JS_METHODS } from "../profiles/langchain";
import { OPENAI_GROUPS, OPENAI_REQUEST_METHODS } from "../profiles/openai";
import { CLIENT_CLASSES, FACTORIES, type JsClientKind, type JsRaise } from "./catalog";
import { firstOption, optionOf, billToInObject, type JsClient, type JsClients } from "./clients";
import { unwrap, type JsScope } from "./scope";

export interface JsCall {
  node: ts.CallExpression | ts.Expression;
  callee: string;
  library: string;
  surface: Surface;
  client?: JsClient;
  raises: JsRaise;
  isStreaming: boolean;
  billTo: BillTo;
  builtinRetry?: string;
  builtinDisabled?: string;
  /** HTTP verb for raw calls, for library retry configs that skip POST. */
  verb?: string;
  /** A call on an imported client, kept when the module exports one (fromFile is filled in by the frontend). */
  viaImport?: Omit<ImportedClientRef, "fromFile">;
}

export function recognise(scope: JsScope, clients: JsClients, call: ts.CallExpression): JsCall | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const onClient = clientMethod(scope, clients, call, callee);
    if (onClient) return onClient;
  }
  const q = scope.qualify(callee);
  if (!q) return undefined;
  // `fetch(url, init)`, `axios(url)`, `axios({ url, method })`: the method is in the options, GET by default.
  const direct = JS_HTTP_CALLABLES.get(q);
  if (direct) return httpCall(scope, call, direct, "request", undefined);
  const [module, name] = splitQualified(q);
  const verb = name?.replace(/^default\./, "");
  const http = JS_HTTP.get(module);
  if (http && verb && http.methods.has(verb)) return httpCall(scope, call, http.id, verb, undefined);
  if (
    module === "@huggingface/inference" &&
    name &&
    /^[a-z]/.test(name) &&
    !name.includes(".") &&
    !HFJS_NON_CALLS.has(name) &&
    !HFJS_NON_REQUEST_EXPORTS.test(name)
  ) {
    // Standalone task functions: chatCompletion({ accessToken, model, ... }).
    const options = call.arguments[0];
    const endpoint = options ? firstOption(options, jsEndpoint(module)) : undefined;
    const url = endpoint ? scope.evalString(endpoint) : undefined;
    const host = url ? classifyUrl(url) : "router";
    if (host === "other") return undefined;
    return {
      node: call,
      callee: callee.getText(),
      library: module,
      surface: host === "hub" || host === "hub-download" ? "router" : host,
      raises: "hfjs",
      isStreaming: /stream/i.test(name),
      billTo: billToOption(scope, call.arguments[1], module),
    };
  }
  if (module === "@huggingface/hub" && name && /^[a-z]/.test(name)) {
    return {
      node: call,
      callee: callee.getText(),
      library: module,
      surface: HUB_JS_DOWNLOADS.has(name) ? "hub-download" : "hub",
      raises: "hubjs",
      isStreaming: false,
      billTo: { present: false },
    };
  }
  if (module === "ai" && name && AI_SDK_CALLS.has(name)) return aiSdkCall(scope, clients, call, name);
  return undefined;
}

function splitQualified(q: string): [string, string | undefined] {
  // Modules may contain dots and slashes ("@langchain/community/llms/hf"); exports do not contain "/".
  const slash = q.lastIndexOf("/");
  const dot = q.indexOf(".", slash + 1);
  return dot < 0 ? [q, undefined] : [q.slice(0, dot), q.slice(dot + 1)];
}

function clientMethod(
  scope: JsScope,
  clients: JsClients,
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
): JsCall | undefined {
  const method = callee.name.text;
  let base: ts.Expression = callee.expression;
  const path: string[] = [];
  while (ts.isPropertyAccessExpression(base) && OPENAI_GROUPS.has(base.name.text)) {
    path.unshift(base.name.text);
    base = base.expression;
  }
  const client = clients.clientOf(base);
  if (!client) return importedClientCall(scope, call, base, method, path);
  const text = callee.getText();
  switch (client.kind) {
    case "hfjs":
      if (HFJS_NON_CALLS.has(method) || !client.surface) return undefined;
      return {
        node: call,
        callee: text,
        library: client.library,
        surface: client.surface,
        client,
        raises: "hfjs",
        isStreaming: /stream/i.test(method),
        billTo: client.billTo.present ? client.billTo : billToOption(scope, call.arguments[1], client.library),
        builtinRetry: client.retryingFetch ? "the client's custom fetch retries" : undefined,
      };
    case "openai": {
      if (!client.surface || path.length === 0 || !OPENAI_REQUEST_METHODS.has(method)) return undefined;
      const perRequest = requestHeaders(call.arguments[1], client.library);
      return {
        node: call,
        callee: text,
        library: "openai",
        surface: path[0] === "models" ? "router-models" : client.surface,
        client,
        raises: "openai",
        isStreaming: call.arguments[0] ? /stream\s*:\s*true/.test(call.arguments[0].getText()) : false,
        billTo: client.billTo.present ? client.billTo : billToInObject(scope, perRequest),
        ...builtinRetryOf("openai", !!client.retriesDisabled),
      };
    }
    case "axios":
    case "ky":
    case "got":
      if (!JS_HTTP.get(client.kind)?.methods.has(method)) return undefined;
      return httpCall(scope, call, client.kind, method, client);
    case "langchain":
      if (!LANGCHAIN_JS_METHODS.has(method)) return undefined;
      return {
        node: call,
        callee: text,
        library: client.library,
        surface: client.surface ?? "router",
        client,
        raises: "langchain",
        isStreaming: method === "stream",
        billTo: client.billTo,
        ...(client.runnableRetry
          ? { builtinRetry: client.runnableRetry }
          : builtinRetryOf(client.library, !!client.retriesDisabled)),
      };
    default:
      return undefined;
  }
}

/**
 * `client.chatCompletion(...)` on a client imported from another workspace module (or made by an imported
 * factory): a tentative @huggingface/inference call that the workspace keeps only when that module exports an HF
 * client under the name (see HfCall.viaImport).
 */
function importedClientCall(
  scope: JsScope,
  call: ts.CallExpression,
  base: ts.Expression,
  method: string,
  path: string[],
): JsCall | undefined {
  if (path.length > 0 || !HFJS_TASK_METHODS.has(method)) return undefined;
  const value = scope.resolve(base);
  let ref: ts.Expression = value;
  let factory = false;
  if (ts.isCallExpression(value) && value.arguments.length === 0) {
    ref = value.expression;
    factory = true;
  }
  if (!ts.isIdentifier(ref) || scope.valueOf(ref)) return undefined;
  const imported = scope.importOf(ref.text);
  if (!imported) return undefined;
  return {
    node: call,
    callee: call.expression.getText(),
    library: "@huggingface/inference",
    surface: "router",
    raises: "hfjs",
    isStreaming: /stream/i.test(method),
    billTo: billToOption(scope, call.arguments[1], "@huggingface/inference"),
    viaImport: { module: imported.module, name: imported.name, family: "hfjs", factory },
  };
}

function httpCall(
  scope: JsScope,
  call: ts.CallExpression,
  library: string,
  method: string,
  client: JsClient | undefined,
): JsCall | undefined {
  const args = call.arguments;
  let urlNode: ts.Expression | undefined = args[0];
  let init: ts.Expression | undefined = args[1];
  if (method === "request" && args[0] && ts.isObjectLiteralExpression(unwrap(args[0]))) {
    // axios({ url, method }) / got({ url })
    init = args[0];
    urlNode = optionOf(args[0], "url");
  }
  let url = urlNode ? scope.evalString(urlNode) : undefined;
  if (url !== undefined && client?.baseUrl && !/^https?:/i.test(url)) url = client.baseUrl + url;
  if (url === undefined && client?.baseUrl) url = client.baseUrl;
  if (init) init = scope.resolve(init);
  let verb = method;
  if (method === "request") {
    const m = init ? optionOf(init, "method") : undefined;
    verb = ((m && scope.evalString(m)) ?? "get").toLowerCase();
  }
  const headers = init ? optionOf(init, "headers") : undefined;
  const known = url ? classifyUrl(url, verb) : "other";
  // A URL this file cannot resolve, sent with an HF token: an HF call whose surface is unknown.
  const host =
    known !== "other" ? known : urlNode && hostUnknown(url) && carriesHfToken(scope, headers) ? "unknown" : undefined;
  if (!host) return undefined;
  const billTo = billToInObject(scope, requestHeaders(init, library));
  const raises: JsRaise = JS_HTTP.get(library)?.raises ?? "fetch";
  return {
    node: call,
    callee: call.expression.getText(),
    library,
    surface: host,
    client,
    raises,
    isStreaming: init ? /stream\s*:\s*true/.test(init.getText()) : false,
    billTo: billTo.present ? billTo : (client?.billTo ?? billTo),
    verb,
  };
}

function aiSdkCall(scope: JsScope, clients: JsClients, call: ts.CallExpression, name: string): JsCall | undefined {
  const options = call.arguments[0];
  const model = options ? optionOf(options, "model") : undefined;
  if (!model) return undefined;
  const value = scope.resolve(model);
  if (!ts.isCallExpression(value)) return undefined;
  const provider = clients.clientOf(value.expression) ?? clients.defaultAiSdkProvider(value.expression);
  if (!provider) return undefined;
  const library = "@ai-sdk/huggingface";
  const off = JS_BUILTIN_RETRIES.get(library)?.off;
  const maxRetries = options && off ? optionOf(options, off.option) : undefined;
  const disabled = maxRetries !== undefined && maxRetries.getText() === off?.value;
  const perCall = billToInObject(scope, requestHeaders(options, library));
  return {
    node: call,
    callee: call.expression.getText(),
    library,
    surface: "router",
    client: provider,
    raises: "aisdk",
    isStreaming: name.startsWith("stream"),
    billTo: provider.billTo.present ? provider.billTo : perCall,
    ...builtinRetryOf(library, disabled),
  };
}

/** The headers a request's options hold, under the names its library's profile gives (BillToOptions.callHeaders). */
function requestHeaders(options: ts.Expression | undefined, library: string): ts.Expression | undefined {
  return options ? firstOption(options, jsBillTo(library).callHeaders) : undefined;
}

/** The org a request names directly (`{ billTo }`), where its library's profile says it takes one. */
function billToOption(scope: JsScope, options: ts.Expression | undefined, library: string): BillTo {
  const named = jsBillTo(library).option;
  const bill = options && named ? optionOf(options, named) : undefined;
  if (!bill) return { present: false };
  const org = scope.evalString(bill);
  return { present: true, org: org && !org.includes("{}") ? org : undefined };
}

export type { JsClientKind };
export { FACTORIES, CLIENT_CLASSES };

/** The library's own retry (its profile's builtinRetry), or what says it was switched off. */
function builtinRetryOf(library: string, disabled: boolean): Pick<JsCall, "builtinRetry" | "builtinDisabled"> {
  const builtin = JS_BUILTIN_RETRIES.get(library);
  if (!builtin) return {};
  return disabled ? { builtinDisabled: builtin.off?.note } : { builtinRetry: builtin.note };
}
