// Command-line parsing for `hf-rate-guard check`; no dependency, and every mistake is a clear usage error.
import { isRuleCode, type RuleCode, type Severity } from "../../../shared/src/rules";
import { EXPLAIN_USAGE, parseExplainArgs, type ParsedExplain } from "./explain";

export type Format = "text" | "json" | "sarif" | "github";

export interface CheckOptions {
  paths: string[];
  format: Format;
  billTo?: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  config?: string;
  fix: boolean;
  verbose: boolean;
  /** Reuse analysis of unchanged files from the cache folder (default `.hf-rate-guard-cache` in the cwd). */
  cache?: boolean;
  cacheDir?: string;
  /** Exit 0 even when problems are found (errors in usage or config still exit 2). */
  exitZero: boolean;
  /** The least severity that fails the run (exit 1); milder findings are still reported. */
  failOn: Severity;
  /** Print how many findings each rule has instead of listing them. */
  statistics: boolean;
  /** Threads analysing files (default: one per core; 1 analyses everything on the main thread). */
  jobs?: number;
}

export type Parsed =
  | { command: "check"; options: CheckOptions }
  | ParsedExplain
  | { command: "help" }
  | { command: "version" }
  | { command: "error"; message: string };

export const USAGE = `Usage: hf-rate-guard check [PATH...] [options]
${EXPLAIN_USAGE}

Finds Hugging Face API calls that do not survive HF's rate limits and billing rules.

Options:
  --format text|json|sarif|github  output format (default: text)
  --bill-to ORG                    organization to bill (enables HF003 everywhere)
  --select CODES                   only these rules, e.g. HF001,HF003
  --ignore CODES                   skip these rules
  --config FILE                    use this config file instead of the nearest one
  --fix                            apply the preferred fixes and report what is left
  --fail-on info|warning|error     least severity that makes the exit status 1 (default: info)
  --exit-zero                      exit 0 even when problems are found
  --statistics                     print the number of findings per rule instead of each finding
  --verbose                        also list skipped files and notes
  --no-cache                       analyse every file afresh (no .hf-rate-guard-cache)
  --cache-dir DIR                  keep the cache in DIR instead of ./.hf-rate-guard-cache
  --jobs N                         analyse files on N threads (default: one per core; the report is the same)
  --version                        print the version
  --help                           print this help

Exit status: 0 no problems (or none at --fail-on severity), 1 problems found, 2 usage, config or internal error.

explain prints what is known about the Hugging Face calls on a line: where they go, who is billed, and what
protects them from 429 (exit 0; 1 when the line holds no HF call).`;

/** Options that take one free-text value. */
const TEXT_OPTIONS = new Map<string, { key: "billTo" | "config" | "cacheDir"; what: string }>([
  ["--bill-to", { key: "billTo", what: "an organization name" }],
  ["--config", { key: "config", what: "a file path" }],
  ["--cache-dir", { key: "cacheDir", what: "a folder" }],
]);

export function parseArgs(argv: string[]): Parsed {
  if (argv.includes("--help") || argv.includes("-h")) return { command: "help" };
  if (argv.includes("--version") || argv.includes("-V")) return { command: "version" };
  if (argv.length === 0) return { command: "help" };
  const [command, ...rest] = argv;
  if (command === "explain") return parseExplainArgs(rest);
  if (command !== "check")
    return { command: "error", message: `unknown command "${command}" (expected "check" or "explain")` };
  const options: CheckOptions = {
    paths: [],
    format: "text",
    fix: false,
    verbose: false,
    cache: true,
    exitZero: false,
    failOn: "info",
    statistics: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    const takes = TEXT_OPTIONS.get(flag);
    if (takes) {
      const v = value();
      if (!v) return { command: "error", message: `${flag} takes ${takes.what}` };
      options[takes.key] = v;
      continue;
    }
    switch (flag) {
      case "--format": {
        const v = value();
        if (v !== "text" && v !== "json" && v !== "sarif" && v !== "github")
          return { command: "error", message: `--format takes text, json, sarif or github (got ${v ?? "nothing"})` };
        options.format = v;
        break;
      }
      case "--select":
      case "--ignore": {
        const v = value();
        const codes = (v ?? "")
          .split(",")
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean);
        const bad = codes.filter((c) => !isRuleCode(c));
        if (!v || codes.length === 0 || bad.length)
          return {
            command: "error",
            message: `${flag} takes rule codes like HF001,HF003${bad.length ? ` (unknown: ${bad.join(", ")})` : ""}`,
          };
        options[flag === "--select" ? "select" : "ignore"] = codes as RuleCode[];
        break;
      }
      case "--fail-on": {
        const v = value();
        if (v !== "info" && v !== "warning" && v !== "error")
          return { command: "error", message: `--fail-on takes info, warning or error (got ${v ?? "nothing"})` };
        options.failOn = v;
        break;
      }
      case "--exit-zero":
        options.exitZero = true;
        break;
      case "--statistics":
        options.statistics = true;
        break;
      case "--fix":
        options.fix = true;
        break;
      case "--no-cache":
        options.cache = false;
        break;
      case "--jobs": {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          return {
            command: "error",
            message: `--jobs takes a whole number of threads, 1 or more (got ${v ?? "nothing"})`,
          };
        options.jobs = n;
        break;
      }
      case "--verbose":
      case "-v":
        options.verbose = true;
        break;
      default:
        if (arg.startsWith("-")) return { command: "error", message: `unknown option ${arg}` };
        options.paths.push(arg);
    }
  }
  if (options.statistics && options.format !== "text" && options.format !== "json")
    return { command: "error", message: `--statistics prints text or json, not ${options.format}` };
  if (options.paths.length === 0) options.paths.push(".");
  return { command: "check", options };
}
