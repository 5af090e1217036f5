// What the status bar shows, computed from whoami-v2, usage-v2 and an org's overview (docs/hf-facts.md, "Credits, plan
// and usage"). Pure: the tests feed it data, the meter feeds it what HF answered.
import { escapeMarkdown } from "./names";

export interface WhoAmI {
  name: string;
  isPro?: boolean;
  orgs?: { name: string; plan?: string; isEnterprise?: boolean }[];
}

export interface ProviderUsage {
  usedNanoUsd?: number;
  includedNanoUsd?: number;
  limitNanoUsd?: number | null;
  numRequests?: number;
  periodEnd?: number | string;
}

export interface MeterInput {
  whoami?: WhoAmI;
  /** usage-v2's `usage.inferenceProviders`, when it could be read. */
  usage?: ProviderUsage;
  /** Why usage could not be read (403 without billing permission, ...). */
  usageProblem?: string;
  /** The org being billed, if not the personal account. */
  billTo?: string;
  /** Seats of the billed org (organizations/{org}/overview numUsers). */
  seats?: number;
  /** A 402 was seen: credits are exhausted whatever the numbers say. */
  paymentRequired?: boolean;
  signedIn: boolean;
  invalidToken?: boolean;
  /** Why the token found cannot be used at all (a line break in it, ...): never quotes the token. */
  tokenProblem?: string;
  /** When the shown numbers were fetched, and since when refreshing has failed. */
  updatedAt?: number;
  staleSince?: number;
  compact?: boolean;
}

export type Level = "normal" | "warning" | "error";

export interface MeterState {
  kind: "signed-out" | "invalid-token" | "usage" | "plan-only";
  text: string;
  level: Level;
  account?: string;
  plan?: string;
  usedUsd?: number;
  includedUsd?: number;
  limitUsd?: number;
  requests?: number;
  periodEnd?: Date;
  percent?: number;
  reason?: string;
  stale: boolean;
}

const NANO = 1e9;
const PAYMENT_REQUIRED =
  "Hugging Face answered 402 Payment Required: this period's credits are spent, and calls fail until the period resets or billing continues.";

/** Monthly included credits in USD when usage cannot be read: Free $0.10, PRO $2, Team/Enterprise $2 per seat. */
export function allowanceUsd(input: MeterInput): { plan: string; usd: number } {
  if (input.billTo) {
    const org = input.whoami?.orgs?.find((o) => o.name.toLowerCase() === input.billTo!.toLowerCase());
    const plan = org?.isEnterprise ? "Enterprise" : org?.plan ? capitalize(org.plan) : "Team";
    return { plan, usd: 2 * Math.max(1, input.seats ?? 1) };
  }
  return input.whoami?.isPro ? { plan: "PRO", usd: 2 } : { plan: "Free", usd: 0.1 };
}

export function dollars(usd: number): string {
  return `$${(Math.round(usd * 100 + 1e-9) / 100).toFixed(2)}`;
}

export function levelFor(percent: number | undefined, paymentRequired: boolean | undefined): Level {
  if (paymentRequired || (percent !== undefined && percent >= 100)) return "error";
  if (percent !== undefined && percent >= 75) return "warning";
  return "normal";
}

function bar(percent: number): string {
  const filled = Math.max(0, Math.min(5, Math.round(percent / 20)));
  return "▰".repeat(filled) + "▱".repeat(5 - filled);
}

export function computeState(input: MeterInput): MeterState {
  const stale = input.staleSince !== undefined;
  // "Set token" everywhere: the status text, the menu item, the tooltip link and the command say the same.
  if (!input.signedIn)
    return {
      kind: "signed-out",
      text: "$(key) HF: set token",
      level: "normal",
      stale: false,
      reason: "No Hugging Face token: Set token to see your credits.",
    };
  if (input.invalidToken) {
    const reason = input.tokenProblem
      ? `The Hugging Face token cannot be used: ${input.tokenProblem}. Set token again.`
      : "Hugging Face rejected the token (401). Set token again.";
    return { kind: "invalid-token", text: "$(error) HF: invalid token", level: "error", stale: false, reason };
  }
  const account = input.billTo ?? input.whoami?.name;
  const allowance = allowanceUsd(input);
  if (input.usage && typeof input.usage.usedNanoUsd === "number") {
    const used = input.usage.usedNanoUsd / NANO;
    const included =
      typeof input.usage.includedNanoUsd === "number" ? input.usage.includedNanoUsd / NANO : allowance.usd;
    const limit = typeof input.usage.limitNanoUsd === "number" ? input.usage.limitNanoUsd / NANO : undefined;
    // Rounded to 0.01 %: nano-USD sums must not flicker across a threshold through floating-point noise.
    const percent = included > 0 ? Math.round((used / included) * 10_000) / 100 : used > 0 ? 100 : 0;
    const level = levelFor(percent, input.paymentRequired);
    const text = input.compact
      ? `HF ${Math.round(percent)}% ${bar(percent)}`
      : `HF ${dollars(used)} / ${dollars(included)}`;
    const periodEnd = input.usage.periodEnd !== undefined ? toDate(input.usage.periodEnd) : undefined;
    const reason = input.paymentRequired ? PAYMENT_REQUIRED : undefined;
    return {
      kind: "usage",
      text: stale ? `${text} (stale)` : text,
      level,
      account,
      plan: allowance.plan,
      usedUsd: used,
      includedUsd: included,
      limitUsd: limit,
      requests: input.usage.numRequests,
      periodEnd,
      percent,
      reason,
      stale,
    };
  }
  const level = levelFor(undefined, input.paymentRequired);
  return {
    kind: "plan-only",
    text: input.paymentRequired
      ? `HF ${allowance.plan} · credits used up`
      : `HF ${allowance.plan} · ${dollars(allowance.usd)}/mo`,
    level,
    account,
    plan: allowance.plan,
    includedUsd: allowance.usd,
    reason: input.paymentRequired
      ? PAYMENT_REQUIRED
      : (input.usageProblem ?? "Usage could not be read; showing the plan's monthly allowance."),
    stale,
  };
}

/** usage-v2 periods are epoch seconds (milliseconds give 500); ISO strings are accepted too. */
function toDate(v: number | string): Date {
  return typeof v === "number" ? new Date(v < 1e12 ? v * 1000 : v) : new Date(v);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The state in plain words, for screen readers and the menu's placeholder (no Markdown, no icon syntax). */
export function accessibilityLabel(state: MeterState): string {
  const text = state.text.replace(/\$\([\w~-]+\)\s*/g, "").trim();
  const who = state.account ? `, ${state.account}` : "";
  const level = state.level === "error" ? ", error" : state.level === "warning" ? ", warning" : "";
  return `Hugging Face credits: ${text}${who}${level}`;
}

/** The Markdown tooltip. Names and reasons can come from settings or HF: they are escaped, never Markdown. */
export function tooltip(state: MeterState, now: number, updatedAt?: number, staleSince?: number): string {
  const lines: string[] = [];
  lines.push(
    `**Hugging Face credits**${state.account ? ` — ${escapeMarkdown(state.account)}` : ""}${state.plan ? ` (${escapeMarkdown(state.plan)})` : ""}`,
  );
  lines.push("");
  if (state.kind === "usage") {
    lines.push(
      `Used ${dollars(state.usedUsd!)} of ${dollars(state.includedUsd!)} included${state.limitUsd !== undefined ? `, limit ${dollars(state.limitUsd)}` : ""}`,
    );
    if (state.requests !== undefined) lines.push(`\n${state.requests} requests this period`);
    if (state.periodEnd) lines.push(`\nResets ${state.periodEnd.toISOString().slice(0, 10)}`);
    if (state.reason) lines.push(`\n$(error) ${escapeMarkdown(state.reason)}`);
  } else if (state.reason) {
    lines.push(escapeMarkdown(state.reason));
  }
  if (updatedAt)
    lines.push(
      `\nUpdated ${new Date(updatedAt).toISOString().slice(11, 16)} UTC (${Math.max(0, Math.round((now - updatedAt) / 60000))} min ago)`,
    );
  if (staleSince)
    lines.push(
      `\n$(warning) Stale: refreshing has failed since ${new Date(staleSince).toISOString().slice(11, 16)} UTC`,
    );
  lines.push("");
  // Without a usable token the way forward is a new one: offered right where the problem is said.
  const setToken =
    state.kind === "signed-out" || state.kind === "invalid-token" ? " · [Set token](command:hfRateGuard.setToken)" : "";
  lines.push(
    `[Billing](https://huggingface.co/settings/billing) · [Inference Providers usage](https://huggingface.co/settings/inference-providers/overview) · [Refresh](command:hfRateGuard.meter.refresh)${setToken}`,
  );
  return lines.join("\n");
}
