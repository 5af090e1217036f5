// What the analyzer knows about one HF call, for a reader: where it goes, whether it is billed and to whom, and
// what protects it from 429 (or why what looks like protection is not). Built once here from the model; the
// language server shows it as a hover and the CLI prints it (`hf-rate-guard explain FILE:LINE`); explainText.ts
// renders it.
import { docsUrl, type RuleCode } from "../../../shared/src/rules";
import type { Diagnostic } from "./diagnostic";
import type { FileModel, HfCall, RetryConstruct, Span } from "./model";
import { describe } from "./rules/retryWording";
import type { OrgContext } from "./rules/types";
import { callSpan } from "./rules/where";
import type { LineIndex, Range } from "./text";

export interface RetryExplanation {
  /** "tenacity retry", "retry loop", ... */
  what: string;
  range: Range;
  /** What bounds it as written (`stop_after_attempt(5)`), or "unbounded". */
  attempts: string;
  /** The wait as written (`wait_exponential(max=60)`), or "no wait". */
  wait: string;
  jitter: boolean;
  retryAfter: boolean;
  retries402: boolean;
  handles429: boolean;
}

export interface CallExplanation {
  callee: string;
  /** The callee's range (0-based), what a finding on the call underlines. */
  range: Range;
  library: string;
  surface: string;
  billing: string;
  /** One line: protected by what, or why not. */
  protection: string;
  protected: boolean;
  retries: RetryExplanation[];
  findings: { code: RuleCode; rule: string; message: string; docs: string }[];
}

export interface ExplainInput {
  model: FileModel;
  call: HfCall;
  text: string;
  lines: LineIndex;
  orgContext?: OrgContext;
  /** The file's diagnostics (the findings about this call are picked from them by range). */
  diagnostics: Diagnostic[];
}

export function explainCall({ model, call, text, lines, orgContext, diagnostics }: ExplainInput): CallExplanation {
  const slice = (s: Span | undefined) => (s ? text.slice(s.start, s.end).replace(/\s+/g, " ").trim() : undefined);
  const range = (s: Span) => lines.range(s.start, s.end);
  const client = call.client !== undefined ? model.clients[call.client] : undefined;
  const retries = call.retries.map((i) => model.retries[i]).filter((r): r is RetryConstruct => r !== undefined);
  const retryExplanations = retries.map((r) => ({
    what: describe(r.kind),
    range: range(r.span),
    attempts: r.bounded ? (slice(r.limitSpan) ?? "bounded") : "unbounded",
    wait: r.waits ? (slice(r.waitSpan) ?? "waits") : "no wait",
    jitter: r.hasJitter,
    retryAfter: r.honorsRetryAfter,
    retries402: r.retries402,
    handles429: r.handles429,
  }));
  // Findings about this call: on its callee, its client's construction, or a retry around it.
  const places = [
    callSpan(call),
    ...(client ? [{ start: client.span.start, end: client.argsSpan.start }] : []),
    ...retries.flatMap((r) => [r.span, ...(r.waitSpan ? [r.waitSpan] : [])]),
  ].map(range);
  const findings = diagnostics
    .filter((d) =>
      places.some((p) => p.start.line === d.range.start.line && p.start.character === d.range.start.character),
    )
    .map((d) => ({ code: d.code, rule: d.rule, message: d.message, docs: docsUrl(d.code) }));
  const context = slice(call.span) + " " + (client ? slice(client.span) : "");
  const p = call.protection;
  return {
    callee: call.callee,
    range: range(callSpan(call)),
    library: call.library,
    surface: surfaceOf(call, context),
    billing: billingOf(call, orgContext),
    protected: p.kind === "protected",
    protection:
      p.kind === "protected"
        ? `Protected: ${p.by}.`
        : p.kind === "unprotected"
          ? `Not protected: ${p.reason ?? "nothing retries it, so a 429 fails the request"}.`
          : `Through ${p.name} from ${p.module}, which is not in the workspace: ${p.fallback.kind === "protected" ? `assumed protected (${p.fallback.by})` : "not known to retry 429"}.`,
    retries: retryExplanations,
    findings,
  };
}

/** The provider named in the call or its client: `provider="together"`, a `model="org/name:groq"` suffix, a router path. */
function providerIn(text: string): string | undefined {
  return (
    /\bprovider\s*[=:]\s*["'`]([\w.-]+)["'`]/.exec(text)?.[1] ??
    /\bmodel\s*[=:]\s*["'`][\w./-]+:([\w-]+)["'`]/.exec(text)?.[1] ??
    /router\.huggingface\.co\/(?!v1\b)([\w-]+)\//.exec(text)?.[1]
  );
}

function surfaceOf(call: HfCall, context: string): string {
  switch (call.surface) {
    case "router": {
      const provider = providerIn(context);
      return `Inference Providers (router.huggingface.co) through ${call.library}; provider: ${provider ?? "chosen by HF (none named here)"}.`;
    }
    case "router-models":
      return "Inference Providers model listing (router.huggingface.co/v1/models).";
    case "legacy":
      return "The deprecated serverless Inference API (api-inference.huggingface.co); the router replaces it.";
    case "endpoint":
      return `A dedicated Inference Endpoint, through ${call.library}.`;
    case "hub":
      return `The Hub API (huggingface.co), through ${call.library}.`;
    case "hub-download":
      return `A Hub file download (huggingface.co/.../resolve/...), through ${call.library}.`;
    case "provider":
      return `A provider's own API with the provider's key, through ${call.library}: HF is not in the path.`;
    case "unknown":
      return `An HF service whose URL is not known here (the request carries an HF token), through ${call.library}.`;
  }
}

function billingOf(call: HfCall, org: OrgContext | undefined): string {
  switch (call.surface) {
    case "router":
    case "legacy": {
      if (call.billTo.present)
        return `Billed from HF credits to ${call.billTo.org ? `the organization "${call.billTo.org}"` : "the organization its bill-to names"} (X-HF-Bill-To is sent).`;
      if (org && org.org === undefined) {
        return `Billed from HF credits to your personal account, not the organization billed elsewhere: no X-HF-Bill-To is sent (${org.source} sets X-HF-Bill-To from a dynamic value).`;
      }
      if (org) {
        const why = org.source === "configuration" ? "the configured billTo" : `${org.source} bills "${org.org}"`;
        return `Billed from HF credits to your personal account, not "${org.org}": no X-HF-Bill-To is sent (the workspace bills "${org.org}": ${why}).`;
      }
      return "Billed from HF credits to your personal account (no X-HF-Bill-To, and no organization configured or billed elsewhere in the workspace).";
    }
    case "router-models":
      return "Not billed per call; bill-to must not be sent.";
    case "endpoint":
      return "Billed by the endpoint's uptime to the account that owns it, not per call; bill-to does not apply.";
    case "hub":
    case "hub-download":
      return "Not billed; the Hub's rate limits apply to the token or IP.";
    case "provider":
      return "Billed by the provider on your key, not by HF.";
    case "unknown":
      return "Not known: the URL decides (the router bills HF credits and reads X-HF-Bill-To; the Hub does not bill).";
  }
}
