// The Python frontend: one parse, one walk for names, then each call is recognised and judged.
import type { Node } from "web-tree-sitter";
import { emptyModel, type BillToEvidence, type FileModel, type FrontendInput, type HfCall } from "../model";
import { atLeast } from "../versions/semver";
import { billToInHeaders, sessionHeadersBillTo } from "./billTo";
import { recognise, type CallContext, type PyCall } from "./calls";
import { ClientTracker } from "./clients";
import { HelperIndex } from "./helpers";
import { initPythonParser, parsePython } from "./parser";
import { ProtectionAnalyzer } from "./protection";
import { Scope } from "./scope";

export async function initPython(wasmDir?: string): Promise<void> {
  await initPythonParser(wasmDir);
}

export function analyzePython(input: FrontendInput): FileModel {
  // The tree stays in the parser's cache for the next incremental parse of this file.
  const tree = parsePython(input.path, input.text);
  return analyzeTree(tree.rootNode, input);
}

function analyzeTree(root: Node, input: FrontendInput): FileModel {
  const model = emptyModel("python");
  model.hasSyntaxErrors = root.hasError;
  const scope = new Scope(root);
  const hubMajor1 = atLeast(input.versions.huggingface_hub, "1.0.0");
  const billToOf = (headers: Node | undefined) => billToInHeaders(scope, headers);
  const clients = new ClientTracker(scope, billToOf);
  const ctx: CallContext = {
    scope,
    clients,
    billToOf,
    atLeast: (pkg, version) => atLeast(input.versions[pkg], version),
  };
  const helpers = new HelperIndex(scope, hubMajor1);
  const protection = new ProtectionAnalyzer(scope, helpers, input.path, hubMajor1);

  // Client constructions first, so HF003 sees clients that have no call in this file.
  for (const call of scope.calls) if (clients.classOf(call)) clients.construction(call);

  const found: PyCall[] = [];
  for (const call of scope.calls) {
    const hf = recognise(ctx, call);
    if (hf) found.push(hf);
  }
  for (const ref of scope.argumentRefs) {
    if (ref.type !== "attribute") continue;
    const hf = recognise(ctx, ref);
    if (hf) found.push(hf);
  }

  for (const call of found) {
    if (call.client && !call.billTo.present && (call.client.cls.kind === "requests-session" || call.client.cls.kind === "httpx-client")) {
      const variable = call.client.node.parent?.type === "assignment" ? call.client.node.parent.childForFieldName("left")?.text : undefined;
      const viaHeaders = billToInHeaders(scope, call.client.node.type === "call" ? kwargOf(call.client.node, "headers") : undefined);
      call.billTo = viaHeaders.present ? viaHeaders : sessionHeadersBillTo(scope, root, variable);
    }
    const verdict = protection.verdict(call);
    const hfCall: HfCall = {
      span: { start: call.node.startIndex, end: call.node.endIndex },
      callee: call.callee,
      library: call.library,
      surface: call.surface,
      client: call.client?.index,
      billTo: call.billTo,
      isAsync: call.isAsync || call.node.parent?.type === "await",
      isStreaming: call.isStreaming,
      protection: verdict.protection,
      retries: verdict.retries,
    };
    if (call.node.parent?.type === "await") hfCall.awaitSpan = { start: call.node.parent.startIndex, end: call.node.parent.endIndex };
    model.calls.push(hfCall);
  }

  // Retry helpers defined here: exported for other files, and judged (HF002/4/5/6) where they are written.
  for (const [name, def] of scope.functions) {
    const helper = helpers.classify(def);
    if (!helper) continue;
    if (!def.parent || def.parent.type === "module" || def.parent.parent?.type === "module") model.exports.retryHelpers[name] = helper.facts;
    protection.registerHelper(def, helper.traits, name);
  }

  model.clients = clients.constructions;
  model.retries = protection.retries;
  model.billToEvidence = evidence(model);
  return model;
}

function kwargOf(call: Node, name: string): Node | undefined {
  for (const a of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (a.type === "keyword_argument" && a.childForFieldName("name")?.text === name) return a.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

function evidence(model: FileModel): BillToEvidence[] {
  const out: BillToEvidence[] = [];
  for (const c of model.clients) if (c.billTo.org) out.push({ org: c.billTo.org, span: c.span });
  for (const c of model.calls) if (c.billTo.org && c.client === undefined) out.push({ org: c.billTo.org, span: c.span });
  return out;
}
