// The meter's logic without VS Code: fetch whoami (cached for an hour, per token), usage and the billed org's
// seats, and keep a state that degrades instead of failing: 401 -> invalid token, 402 -> credits spent (error state),
// 403 on usage -> plan only, 429 -> retry when HF says, 5xx / timeout / bad JSON -> keep the last numbers, stale.
import { createHash } from "node:crypto";
import { fullJitterDelayMs } from "../../../shared/src/backoffPolicy";
import { getJson } from "./hfApi";
import { isHfName } from "./names";
import { computeState, type MeterInput, type MeterState, type ProviderUsage, type WhoAmI } from "./meterState";
import type { TokenSource } from "./token";

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export interface MeterDeps {
  /** Percentage with a short bar instead of dollars, for narrow status bars. */
  compact?: () => boolean;
  endpoint: string;
  token(): Promise<TokenSource | undefined>;
  store: KeyValueStore;
  billTo(): string | undefined;
  now?: () => number;
  timeoutMs?: number;
}

export interface RefreshResult {
  state: MeterState;
  input: MeterInput;
  /** When to try again sooner than the regular schedule (after a 429 or a failure), in ms from now. */
  retryInMs?: number;
}

const WHOAMI_TTL_MS = 60 * 60 * 1000;
const BILLING_READ_HELP =
  "The token cannot read billing usage (403): use a token with the “billing read” permission (fine-grained: user.billing.read), https://huggingface.co/settings/tokens";

export class CreditMeter {
  private lastUsage?: ProviderUsage;
  private updatedAt?: number;
  private staleSince?: number;
  private failures = 0;
  /** Whose numbers lastUsage holds: "personal" or "org:<name>". */
  private account?: string;
  /** HF answered 402 (credits spent): the error state until usage shows room again. */
  private paymentRequired = false;

  constructor(private readonly deps: MeterDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async refresh(): Promise<RefreshResult> {
    const source = await this.deps.token();
    if (!source) return this.result({ signedIn: false });
    if (source.problem) return this.result({ signedIn: true, invalidToken: true, tokenProblem: source.problem });
    const token = source.token;
    const whoami = await this.whoami(token);
    if (whoami === "invalid") return this.result({ signedIn: true, invalidToken: true });
    // Only a valid HF name goes into an API path (never `..` or `/`); the controller already drops others.
    const wanted = this.deps.billTo();
    const billTo = wanted !== undefined && isHfName(wanted) ? wanted : undefined;
    const input: MeterInput = { signedIn: true, whoami: whoami ?? undefined, billTo, compact: this.deps.compact?.() };
    let retryInMs: number | undefined;

    // The shown numbers belong to one account: switching between personal and an org starts afresh.
    const account = billTo ? `org:${billTo.toLowerCase()}` : "personal";
    if (account !== this.account) {
      this.account = account;
      this.lastUsage = this.updatedAt = this.staleSince = undefined;
      this.failures = 0;
      this.paymentRequired = false;
    }
    if (billTo) {
      // Seats give the pooled allowance when the org's usage cannot be read (plan x seats).
      const overview = await getJson<{ numUsers?: number }>(
        this.deps.endpoint,
        `/api/organizations/${encodeURIComponent(billTo)}/overview`,
        token,
        this.deps.timeoutMs,
      );
      if (overview.ok && typeof overview.value?.numUsers === "number") input.seats = overview.value.numUsers;
    }
    const { start, end } = monthBounds(this.now());
    // usage-v2 of the signed-in user, or the org's pooled usage (same shape; readable by the org's billing admins).
    const usagePath = billTo
      ? `/api/organizations/${encodeURIComponent(billTo)}/billing/usage-v2?startDate=${start}&endDate=${end}`
      : `/api/settings/billing/usage-v2?startDate=${start}&endDate=${end}`;
    const usage = await getJson<{ usage?: { inferenceProviders?: ProviderUsage } }>(
      this.deps.endpoint,
      usagePath,
      token,
      this.deps.timeoutMs,
    );
    if (usage.ok && usage.value?.usage?.inferenceProviders) {
      this.lastUsage = usage.value.usage.inferenceProviders;
      this.updatedAt = this.now();
      this.staleSince = undefined;
      this.failures = 0;
      // A 402 seen earlier stands until the numbers show room again (a new period, or a raised limit).
      if (this.paymentRequired && hasRoom(this.lastUsage)) this.paymentRequired = false;
    } else if (!usage.ok && usage.status === 402) {
      // HF answers 402 once the credits are spent: that is the error state whatever the last numbers said.
      this.paymentRequired = true;
    } else if (!usage.ok && (usage.status === 403 || usage.status === 404)) {
      input.usageProblem = billTo
        ? `Showing ${billTo}'s pooled monthly allowance (plan × seats): the token cannot read the org's usage (HTTP ${usage.status}); an org admin's token with billing read can.`
        : BILLING_READ_HELP;
      this.lastUsage = undefined;
    } else if (!usage.ok && usage.status === 429) {
      retryInMs = usage.retryAfterMs ?? fullJitterDelayMs(this.failures++);
    } else {
      // 5xx, timeout, invalid JSON, no network: keep what we had, say it is stale, try again with backoff.
      this.staleSince ??= this.now();
      retryInMs = fullJitterDelayMs(this.failures++);
      if (!this.lastUsage)
        input.usageProblem = `Usage could not be read (${usage.ok ? "unexpected answer" : usage.problem}); showing the plan's allowance.`;
    }
    input.paymentRequired = this.paymentRequired;
    input.usage = input.usageProblem && !this.lastUsage ? undefined : this.lastUsage;
    input.updatedAt = this.updatedAt;
    input.staleSince = this.staleSince;
    return { ...this.result(input), retryInMs };
  }

  private result(input: MeterInput): RefreshResult {
    return { state: computeState(input), input };
  }

  /** whoami-v2, cached per token for an hour across reloads (HF rate-limits it strictly on purpose). */
  private async whoami(token: string): Promise<WhoAmI | "invalid" | null> {
    const key = `hfRateGuard.whoami.${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
    const cached = this.deps.store.get<{ value: WhoAmI; expires: number }>(key);
    if (cached && cached.expires > this.now()) return cached.value;
    const res = await getJson<WhoAmI>(this.deps.endpoint, "/api/whoami-v2", token, this.deps.timeoutMs);
    if (res.ok) {
      await this.deps.store.update(key, { value: res.value, expires: this.now() + WHOAMI_TTL_MS });
      return res.value;
    }
    if (res.status === 401) return "invalid";
    return cached?.value ?? null;
  }
}

function hasRoom(usage: ProviderUsage): boolean {
  const used = usage.usedNanoUsd ?? 0;
  const cap = typeof usage.limitNanoUsd === "number" ? usage.limitNanoUsd : usage.includedNanoUsd;
  return typeof cap === "number" && used < cap;
}

/** The current calendar month in epoch seconds (usage-v2 takes seconds; milliseconds give a 500). */
export function monthBounds(now: number): { start: number; end: number } {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  return { start, end: Math.floor(now / 1000) };
}
