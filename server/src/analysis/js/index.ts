// The JS/TS frontend: one parse with TypeScript's parser, name resolution, then each top-level statement's calls
// are recognised and judged. TypeScript's incremental parser keeps unchanged statements as the same nodes, so a
// statement's result is reused after an edit elsewhere when nothing it read changed (see ../incremental).
import ts from "typescript";
import { judgeStatements, type Layout, type StatementResult } from "../incremental/results";
import { emptyModel, type ExportedClient, type FileModel, type FrontendInput, type HfCall } from "../model";
import { MENTIONS_429 } from "../retryHeuristics";
import { atLeast } from "../versions/semver";
import { recognise, type JsCall } from "./calls";
import { JsClients, type JsClient } from "./clients";
import { parseJs } from "./parse";
import { brokenStatements, settle } from "./splice";
import { JsProtection } from "./protection";
import { billToEvidenceIn } from "../billToEvidence";
import { functionName, JsScope, isFunctionLike, unwrap as unwrapExpression } from "./scope";

export function analyzeJs(input: FrontendInput): FileModel {
  const model = emptyModel("js");
  const { file, hasSyntaxErrors } = parseJs(input.path, input.text, input.keep !== false ? input.state : undefined);
  model.hasSyntaxErrors = hasSyntaxErrors;
  if (hasSyntaxErrors) model.brokenStatements = brokenStatements(file);
  const scope = new JsScope(file, input.keep !== false ? input.state : undefined);
  const analysis = new Analysis(scope, input);
  const layout: Layout<ts.Node> = { statementAt: (offset) => scope.statementAt(offset), startOf: (s) => s.pos };
  judgeStatements(model, input, scope.statements, scope.reads, layout, (i) => analysis.statement(i));
  return model;
}

/** The per-file machinery that judges statements, created once per analysis and shared by its statements. */
class Analysis {
  private readonly protection: JsProtection;
  private readonly clients: JsClients;

  private readonly path: string;

  constructor(
    private readonly scope: JsScope,
    input: FrontendInput,
  ) {
    this.path = input.path;
    this.protection = new JsProtection(
      scope,
      input.path,
      (pkg, version) => atLeast(input.versions[pkg], version),
      input.versions["axios-retry"],
    );
    this.clients = new JsClients(scope, (fetchFn) => customFetchRetries(scope, fetchFn));
  }

  /** Everything the model needs from top-level statement `index`; what it reads is recorded by the caller. */
  statement(index: number): () => StatementResult<ts.Node> {
    return () => {
      const { scope, clients, protection } = this;
      settle(scope.statements[index]);
      const part = scope.partOf(index);
      const result: StatementResult<ts.Node> = { clients: [], calls: [], registrations: [], helpers: [] };
      protection.sink = result.registrations;

      // Client constructions, so HF003 sees clients that have no call in this file.
      for (const n of part.news) {
        const construction = clients.construction(n)?.construction;
        if (construction) result.clients.push({ node: n, construction });
      }
      const found: JsCall[] = [];
      for (const call of part.calls) {
        const hf = recognise(scope, clients, call);
        if (hf) found.push(hf);
      }
      for (const call of found) {
        // Factory-made clients (`axios.create(...)`) enter the model through the calls that use them.
        if (call.client?.construction)
          result.clients.push({ node: call.client.node, construction: call.client.construction });
        result.calls.push(this.judge(call));
      }

      const statement = scope.statements[index];
      result.exportedClients = this.exportedClients(statement);
      result.evidence = billToEvidenceIn(
        statement.getText(scope.file),
        statement.getStart(scope.file),
        "js",
        (offset) => scope.forwardsParameter(statement, offset),
      );

      for (const fn of part.definitions) {
        const name = functionName(fn);
        if (!name || scope.functionNamed(name) !== fn) continue; // a later function of the same name wins
        const helper = protection.classifyHelper(fn);
        if (!helper) continue;
        if (isTopLevel(fn)) result.helpers.push([name, { name, style: "callable", ...helper.facts }]);
        protection.registerHelper(fn, name);
      }
      return result;
    };
  }

  /** Module-level HF clients and client factories a top-level statement makes, for files that import them. */
  private exportedClients(statement: ts.Node): [string, ExportedClient][] {
    const out: [string, ExportedClient][] = [];
    const add = (name: string, client: JsClient | undefined, factory: boolean) => {
      if (client?.surface && (client.kind === "hfjs" || client.kind === "openai")) {
        const builtinRetry =
          client.kind === "hfjs"
            ? client.retryingFetch
              ? "the client's custom fetch retries"
              : undefined
            : client.retriesDisabled
              ? undefined
              : "the OpenAI SDK retries 429 (2 retries, honours Retry-After)";
        out.push([
          name,
          {
            family: client.kind,
            library: client.library,
            surface: client.surface,
            billTo: client.billTo,
            factory,
            builtinRetry,
          },
        ]);
      }
    };
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrapExpression(d.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
          add(d.name.text, this.clients.returnedBy(init), true);
        else add(d.name.text, this.clients.clientOf(d.initializer), false);
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      add(statement.name.text, this.clients.returnedBy(statement), true);
    } else if (ts.isExportAssignment(statement)) {
      add("default", this.clients.clientOf(statement.expression), false);
    }
    return out;
  }

  private judge(call: JsCall): StatementResult<ts.Node>["calls"][number] {
    const verdict = this.protection.verdict(call);
    const src = this.scope.file;
    const parent = call.node.parent;
    const hfCall: HfCall = {
      span: { start: call.node.getStart(src), end: call.node.getEnd() },
      callee: call.callee,
      calleeSpan: ts.isCallExpression(call.node)
        ? { start: call.node.expression.getStart(src), end: call.node.expression.getEnd() }
        : undefined,
      library: call.library,
      surface: call.surface,
      billTo: call.billTo,
      isAsync: true,
      isStreaming: call.isStreaming,
      protection: verdict.protection,
      retries: [],
      awaitSpan:
        parent && ts.isAwaitExpression(parent) ? { start: parent.getStart(src), end: parent.getEnd() } : undefined,
    };
    if (call.viaImport) hfCall.viaImport = { ...call.viaImport, fromFile: this.path };
    return {
      call: hfCall,
      client: call.client?.construction ? call.client.node : undefined,
      covering: verdict.retries,
    };
  }
}

function isTopLevel(fn: ts.Node): boolean {
  let p = fn.parent;
  while (
    p &&
    (ts.isVariableDeclaration(p) ||
      ts.isVariableDeclarationList(p) ||
      ts.isVariableStatement(p) ||
      ts.isExportAssignment(p))
  )
    p = p.parent;
  return p !== undefined && ts.isSourceFile(p);
}

/** A custom `fetch` given to an @huggingface/inference client counts when the function retries 429. */
function customFetchRetries(scope: JsScope, fetchFn: ts.Expression): boolean {
  const value = scope.resolve(fetchFn);
  const fn = ts.isIdentifier(value) ? scope.functionNamed(value.text) : isFunctionLike(value) ? value : undefined;
  if (fn) {
    // Its own body and the helpers it calls: `(input, init) => hfRetry(() => fetch(input, init))`.
    const text = scope.expandedText(scope.expandedText(fn.getText()));
    return MENTIONS_429.test(text) && /\b(for|while|do)\b|retry/i.test(text);
  }
  if (ts.isCallExpression(value)) return /retry|backoff/i.test(value.expression.getText());
  // Imported from elsewhere: its name is all we can read (hfFetch is what the HF001 fix's helper module exports).
  return ts.isIdentifier(value) && /retry|backoff|^hfFetch$/i.test(value.text);
}
