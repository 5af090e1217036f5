// The Python frontend: one parse, name resolution, then each top-level statement's calls are recognised and
// judged. A statement's results are kept and reused after an edit elsewhere when nothing it read changed
// (see ../incremental), so typing in a large file re-judges only what the edit can affect.
import type { PyNode } from "./tree";
import { emptyModel, type ExportedClient, type FileModel, type FrontendInput, type HfCall } from "../model";
import { atLeast } from "../versions/semver";
import { billToInHeaders, sessionHeadersBillTo } from "./billTo";
import { recognise, type CallContext, type PyCall } from "./calls";
import { ClientTracker, type PyClient } from "./clients";
import { HelperIndex } from "./helpers";
import { initPythonParser, parsePython } from "./parser";
import { ProtectionAnalyzer } from "./protection";
import { Scope } from "./scope";
import { billToEvidenceIn } from "../billToEvidence";
import { kwarg } from "./syntax";
import { judgeStatements, type Layout, type StatementResult } from "../incremental/results";
import { brokenSpans } from "../incremental/locate";

export async function initPython(wasmDir?: string): Promise<void> {
  await initPythonParser(wasmDir);
}

export function analyzePython(input: FrontendInput): FileModel {
  const tree = parsePython(input.text, input.keep !== false ? input.state : undefined);
  const model = emptyModel("python");
  model.hasSyntaxErrors = tree.hasError;
  const scope = new Scope(tree.root, input.keep !== false ? input.state : undefined);
  if (tree.hasError) {
    const statements = scope.statements;
    model.brokenStatements = brokenSpans(
      statements,
      (s) => s.startIndex,
      (s) => s.endIndex,
      (i) => statements[i].broken,
      (s) => s.group,
    );
  }
  const analysis = new Analysis(scope, input);
  const layout: Layout<PyNode> = { statementAt: (offset) => scope.statementAt(offset), startOf: (s) => s.startIndex };
  judgeStatements(model, input, scope.statements, scope.reads, layout, (i) => analysis.statement(i));
  return model;
}

/** The per-file machinery that judges statements, created once per analysis and shared by its statements. */
class Analysis {
  private readonly ctx: CallContext;
  private readonly helpers: HelperIndex;
  private readonly protection: ProtectionAnalyzer;

  private readonly path: string;

  constructor(
    private readonly scope: Scope,
    input: FrontendInput,
  ) {
    this.path = input.path;
    const hubMajor1 = atLeast(input.versions.huggingface_hub, "1.0.0");
    const billToOf = (headers: PyNode | undefined) => billToInHeaders(scope, headers);
    this.ctx = {
      scope,
      clients: new ClientTracker(scope, billToOf),
      billToOf,
      atLeast: (pkg, version) => atLeast(input.versions[pkg], version),
    };
    this.helpers = new HelperIndex(scope, hubMajor1);
    this.protection = new ProtectionAnalyzer(scope, this.helpers, input.path, hubMajor1);
  }

  /** Everything the model needs from top-level statement `index`; what it reads is recorded by the caller. */
  statement(index: number): () => StatementResult<PyNode> {
    return () => {
      const { scope, ctx, protection } = this;
      const part = scope.partOf(index);
      const result: StatementResult<PyNode> = { clients: [], calls: [], registrations: [], helpers: [] };
      protection.sink = result.registrations;

      // Client constructions, so HF003 sees clients that have no call in this file.
      for (const call of part.calls) {
        const construction = ctx.clients.classOf(call) ? ctx.clients.construction(call)?.construction : undefined;
        if (construction) result.clients.push({ node: call, construction });
      }

      const found: PyCall[] = [];
      for (const call of part.calls) {
        const hf = recognise(ctx, call);
        if (hf) found.push(hf);
      }
      for (const ref of part.argumentRefs) {
        if (ref.type !== "attribute") continue;
        const hf = recognise(ctx, ref);
        if (hf) found.push(hf);
      }
      for (const call of found) {
        // Clients made where the file's own constructions are not looked for (`self.client(...)` holding a class).
        if (call.client?.construction)
          result.clients.push({ node: call.client.node, construction: call.client.construction });
        result.calls.push(this.judge(call));
      }

      const statement = scope.statements[index];
      result.exportedClients = this.exportedClients(statement);
      result.evidence = billToEvidenceIn(statement.text, statement.startIndex, "python", (offset) =>
        scope.forwardsParameter(statement, offset),
      );

      // Retry helpers defined here: exported for other files, and judged (HF002/4/5/6) where they are written.
      for (const def of part.definitions) {
        const name = def.childForFieldName("name")?.text;
        if (!name || scope.functionNamed(name) !== def) continue; // a later `def` of the same name wins
        const helper = this.helpers.classify(def);
        if (!helper) continue;
        if (!def.parent || def.parent.type === "module" || def.parent.parent?.type === "module")
          result.helpers.push([name, helper.facts]);
        protection.registerHelper(def, helper.traits, name);
      }
      return result;
    };
  }

  /** Module-level HF clients and client factories a top-level statement makes, for files that import them. */
  private exportedClients(statement: PyNode): [string, ExportedClient][] {
    const out: [string, ExportedClient][] = [];
    const add = (name: string | undefined, client: PyClient | undefined, factory: boolean) => {
      const family = client?.cls.kind;
      if (!name || !client?.surface || (family !== "inference" && family !== "openai" && family !== "hfapi")) return;
      const builtinRetry =
        family === "openai" && !client.retriesDisabled
          ? "the OpenAI SDK retries 429 (2 retries, honours Retry-After)"
          : undefined;
      out.push([
        name,
        { family, library: client.cls.library, surface: client.surface, billTo: client.billTo, factory, builtinRetry },
      ]);
    };
    const def = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (def?.type === "function_definition")
      add(def.childForFieldName("name")?.text, this.ctx.clients.returnedBy(def), true);
    // Module-level names, also when bound inside `try:` / `if` at module level.
    const names = new Map<string, PyNode>();
    const stack = [statement];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda") continue;
      const left = node.type === "assignment" ? node.childForFieldName("left") : undefined;
      if (left?.type === "identifier") names.set(left.text, left);
      else for (const child of node.children) if (child.isNamed) stack.push(child);
    }
    for (const [name, left] of names) add(name, this.ctx.clients.clientOf(left), false);
    return out;
  }

  private judge(call: PyCall): StatementResult<PyNode>["calls"][number] {
    const { scope, protection } = this;
    if (
      call.client &&
      !call.billTo.present &&
      (call.client.cls.kind === "requests-session" || call.client.cls.kind === "httpx-client")
    ) {
      const variable =
        call.client.node.parent?.type === "assignment"
          ? call.client.node.parent.childForFieldName("left")?.text
          : undefined;
      const viaHeaders = billToInHeaders(
        scope,
        call.client.node.type === "call" ? kwarg(call.client.node, call.client.cls.billTo.clientHeaders) : undefined,
      );
      call.billTo = viaHeaders.present ? viaHeaders : sessionHeadersBillTo(scope, call.node.root, variable);
    }
    const verdict = protection.verdict(call);
    const hfCall: HfCall = {
      span: { start: call.node.startIndex, end: call.node.endIndex },
      callee: call.callee,
      calleeSpan: spanOf(
        call.node.type === "call" ? (call.node.childForFieldName("function") ?? call.node) : call.node,
      ),
      library: call.library,
      surface: call.surface,
      billTo: call.billTo,
      isAsync: call.isAsync || call.node.parent?.type === "await",
      isStreaming: call.isStreaming,
      protection: verdict.protection,
      retries: [],
    };
    if (call.viaImport) hfCall.viaImport = { ...call.viaImport, fromFile: this.path };
    if (call.node.parent?.type === "await")
      hfCall.awaitSpan = { start: call.node.parent.startIndex, end: call.node.parent.endIndex };
    return {
      call: hfCall,
      client: call.client?.construction ? call.client.node : undefined,
      covering: verdict.retries,
    };
  }
}

function spanOf(node: PyNode): { start: number; end: number } {
  return { start: node.startIndex, end: node.endIndex };
}
