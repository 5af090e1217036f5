// HF003: a Team/Enterprise member's router usage is billed to their personal account unless X-HF-Bill-To
// names the org. Reported on the client construction when the client is built here (one fix covers all its
// calls), else on the call. Never on Hub, Endpoints, model listing or provider-key calls (needsBillTo).
import { needsBillTo } from "../model";
import type { Finding, Rule, RuleContext } from "./types";

export const missingBillTo: Rule = {
  code: "HF003",
  check(ctx) {
    const { model, orgContext } = ctx;
    if (!orgContext) return [];
    const findings: Finding[] = [];
    const clientsNeedingIt = new Set<number>();
    for (const call of model.calls) {
      if (!needsBillTo(call.surface) || call.billTo.present) continue;
      if (call.client !== undefined) clientsNeedingIt.add(call.client);
      else findings.push({ code: "HF003", span: call.span, call, message: message(ctx, `\`${call.callee}\` bills`) });
    }
    model.clients.forEach((client, i) => {
      if (!needsBillTo(client.surface) || client.billTo.present) return;
      const hasCalls = model.calls.some((c) => c.client === i);
      // A client whose every call carries its own bill-to is fine; one with no visible calls will still bill.
      if (hasCalls && !clientsNeedingIt.has(i)) return;
      findings.push({ code: "HF003", span: client.span, client, message: message(ctx, `calls through this ${client.className} bill`) });
    });
    return findings;
  },
};

function message({ orgContext }: RuleContext, subject: string): string {
  const org = orgContext!.org;
  const why = orgContext!.source === "configuration" ? "the configured billTo" : `${orgContext!.source} bills "${org}"`;
  return `Without X-HF-Bill-To, ${subject} the personal account, not "${org}" (${why}). Add bill-to "${org}".`;
}
