// HF003: a Team/Enterprise member's router usage is billed to their personal account unless X-HF-Bill-To
// names the org. Reported on the client construction when the client is built here (one fix covers all its
// calls), else on the call. Never on Hub, Endpoints, model listing or provider-key calls (needsBillTo).
import { billToFixes } from "../fixes/billToFix";
import { needsBillTo } from "../model";
import { createRule } from "./createRule";
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
  call(call, { orgContext }) {
    // A call through a client built here is reported on the client (one fix covers all its calls).
    if (!orgContext || !needsBillTo(call.surface) || call.billTo.present || call.client !== undefined) return [];
    return [{ ...report(orgContext, `\`${call.callee}\` bills`), span: call.span, call }];
  },
  client(client, index, { orgContext, callsOf }) {
    if (!orgContext || !needsBillTo(client.surface) || client.billTo.present) return [];
    const calls = callsOf(index);
    // A client whose every call carries its own bill-to is fine; one with no visible calls will still bill.
    if (calls.length && !calls.some((c) => needsBillTo(c.surface) && !c.billTo.present)) return [];
    return [{ ...report(orgContext, `calls through this ${client.className} bill`), span: client.span, client }];
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
