// HF003: a Team/Enterprise member's router usage is billed to their personal account unless X-HF-Bill-To
// names the org. Reported on the client construction when the client is built here (one fix covers all its
// calls), else on the call. Never on Hub, Endpoints, model listing or provider-key calls (needsBillTo).
import { billToFixes } from "../fixes/billToFix";
import { needsBillTo } from "../model";
import { createRule, type Report } from "./createRule";
import type { OrgContext } from "./types";

export const missingBillTo = createRule({
  meta: {
    code: "HF003",
    name: "missing-bill-to",
    defaultSeverity: "warning",
    summary: "a credit-billed call without `X-HF-Bill-To`, in an organization context",
    messages: {
      personal:
        'Without X-HF-Bill-To, {{subject}} the personal account, not "{{org}}" ({{why}}). Add bill-to "{{org}}".',
      elsewhere:
        "Without X-HF-Bill-To, {{subject}} the personal account, not the organization billed elsewhere ({{source}} sets X-HF-Bill-To{{how}}). Add the same bill-to here.",
    },
  },
  check({ model, orgContext }) {
    if (!orgContext) return [];
    const reports: Report<"personal" | "elsewhere">[] = [];
    const clientsNeedingIt = new Set<number>();
    for (const call of model.calls) {
      if (!needsBillTo(call.surface) || call.billTo.present) continue;
      if (call.client !== undefined) clientsNeedingIt.add(call.client);
      else reports.push({ ...report(orgContext, `\`${call.callee}\` bills`), span: call.span, call });
    }
    model.clients.forEach((client, i) => {
      if (!needsBillTo(client.surface) || client.billTo.present) return;
      const hasCalls = model.calls.some((c) => c.client === i);
      // A client whose every call carries its own bill-to is fine; one with no visible calls will still bill.
      if (hasCalls && !clientsNeedingIt.has(i)) return;
      reports.push({ ...report(orgContext, `calls through this ${client.className} bill`), span: client.span, client });
    });
    return reports;
  },
  fixes: (ctx, finding) => billToFixes(ctx, finding.client, finding.call),
});

function report(
  orgContext: OrgContext,
  subject: string,
): { messageId: "personal" | "elsewhere"; data: Record<string, string> } {
  const { org, source, expression } = orgContext;
  // The project bills an org through a dynamic value (env, config, app state): its name is not known here.
  if (org === undefined)
    return { messageId: "elsewhere", data: { subject, source, how: expression ? ` from ${expression.text}` : "" } };
  return {
    messageId: "personal",
    data: { subject, org, why: source === "configuration" ? "the configured billTo" : `${source} bills "${org}"` },
  };
}
