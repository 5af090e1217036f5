// What the bundle was built from, injected by scripts/build.mjs. Under tsx (tests, benchmarks run from sources)
// neither is defined: the version falls back to package.json, and there is no build id, so no cache is trusted.
import * as fs from "node:fs";
import * as path from "node:path";

declare const HFRG_VERSION: string | undefined;
declare const HFRG_BUILD_ID: string | undefined;

/** A hash of the analyzer's sources: cached results from another build are never reused. */
export const BUILD_ID: string | undefined = typeof HFRG_BUILD_ID === "string" ? HFRG_BUILD_ID : undefined;

export function version(): string {
  if (typeof HFRG_VERSION === "string") return HFRG_VERSION;
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}
