// The JS/TS frontend: one parse with TypeScript's parser, one walk for names, then each call is recognised
// and judged.
import ts from "typescript";
import { emptyModel, type BillToEvidence, type FileModel, type FrontendInput } from "../model";
import { MENTIONS_429 } from "../retryHeuristics";
import { atLeast } from "../versions/semver";
import { recognise, type JsCall } from "./calls";
import { JsClients } from "./clients";
import { parseJs } from "./parse";
import { JsProtection } from "./protection";
import { JsScope, isFunctionLike } from "./scope";

export function analyzeJs(input: FrontendInput): FileModel {
  const model = emptyModel("js");
  const { file, hasSyntaxErrors } = parseJs(input.path, input.text);
  model.hasSyntaxErrors = hasSyntaxErrors;
  const scope = new JsScope(file);
  const hfjsVersion = input.versions["@huggingface/inference"];
  const protection = new JsProtection(scope, input.path, atLeast(hfjsVersion, "4.0.0"));
  const clients = new JsClients(scope, (fetchFn) => customFetchRetries(scope, fetchFn));

  for (const n of scope.news) clients.construction(n);
  const found: JsCall[] = [];
  for (const call of scope.calls) {
    const hf = recognise(scope, clients, call);
    if (hf) found.push(hf);
  }
  for (const call of found) {
    const verdict = protection.verdict(call);
    const src = file;
    const start = call.node.getStart(src);
    const parent = call.node.parent;
    model.calls.push({
      span: { start, end: call.node.getEnd() },
      callee: call.callee,
      library: call.library,
      surface: call.surface,
      client: call.client?.index,
      billTo: call.billTo,
      isAsync: true,
      isStreaming: call.isStreaming,
      protection: verdict.protection,
      retries: verdict.retries,
      awaitSpan: parent && ts.isAwaitExpression(parent) ? { start: parent.getStart(src), end: parent.getEnd() } : undefined,
    });
  }
  for (const [name, fn] of scope.functions) {
    const helper = protection.classifyHelper(fn);
    if (!helper) continue;
    if (isTopLevel(fn)) {
      model.exports.retryHelpers[name] = { name, style: "callable", ...helper.facts };
    }
    protection.registerHelper(fn, name);
  }
  model.clients = clients.constructions;
  model.retries = protection.retries;
  model.billToEvidence = evidence(model);
  return model;
}

function isTopLevel(fn: ts.Node): boolean {
  let p = fn.parent;
  while (p && (ts.isVariableDeclaration(p) || ts.isVariableDeclarationList(p) || ts.isVariableStatement(p) || ts.isExportAssignment(p))) p = p.parent;
  return p !== undefined && ts.isSourceFile(p);
}

/** A custom `fetch` given to an @huggingface/inference client counts when the function retries 429. */
function customFetchRetries(scope: JsScope, fetchFn: ts.Expression): boolean {
  const value = scope.resolve(fetchFn);
  const fn = ts.isIdentifier(value) ? scope.functions.get(value.text) : isFunctionLike(value) ? value : undefined;
  if (fn) {
    // Its own body and the helpers it calls: `(input, init) => hfRetry(() => fetch(input, init))`.
    const text = scope.expandedText(scope.expandedText(fn.getText()));
    return MENTIONS_429.test(text) && /\b(for|while|do)\b|retry/i.test(text);
  }
  if (ts.isCallExpression(value)) return /retry|backoff/i.test(value.expression.getText());
  // Imported from elsewhere: its name is all we can read.
  return ts.isIdentifier(value) && /retry|backoff/i.test(value.text);
}

function evidence(model: FileModel): BillToEvidence[] {
  const out: BillToEvidence[] = [];
  for (const c of model.clients) if (c.billTo.org) out.push({ org: c.billTo.org, span: c.span });
  for (const c of model.calls) if (c.billTo.org && c.client === undefined) out.push({ org: c.billTo.org, span: c.span });
  return out;
}
