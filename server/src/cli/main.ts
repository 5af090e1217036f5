// The `hf-rate-guard` command. Exit status: 0 no problems, 1 problems, 2 usage, config or internal error.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs, USAGE } from "./args";
import { runCheck } from "./check";
import { runExplain } from "./explain";
import { boundHeapGrowth } from "./heapGrowth";
import { formatGithub } from "./formats/github";
import { formatJson } from "./formats/json";
import { formatSarif } from "./formats/sarif";
import { formatStatisticsJson, formatStatisticsText } from "./formats/statistics";
import { formatText } from "./formats/text";
import { BUILD_ID, version } from "../node/buildInfo";

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (parsed.command === "version") {
    process.stdout.write(`hf-rate-guard ${version()}\n`);
    return 0;
  }
  if (parsed.command === "error") {
    process.stderr.write(`hf-rate-guard: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.command === "explain") {
    return runExplain(
      parsed.options,
      process.cwd(),
      __dirname,
      (s) => process.stdout.write(s),
      (s) => process.stderr.write(s + "\n"),
    );
  }
  const options = parsed.options;
  // A path that does not exist is a typo, not a workspace with nothing in it: say so alone, before any analysis.
  const missing = options.paths.filter((p) => !fs.existsSync(path.resolve(process.cwd(), p)));
  if (missing.length) {
    for (const p of missing) process.stderr.write(`hf-rate-guard: ${p}: no such file or directory\n`);
    return 2;
  }
  // Before the scan allocates: a scan's peak memory is mostly garbage V8 has not yet collected (heapGrowth.ts).
  boundHeapGrowth();
  // This bundle is also what the scan's worker threads run (see run.ts and parallel.ts).
  const outcome = await runCheck(options, process.cwd(), __dirname, BUILD_ID, __filename);
  const { report } = outcome;
  const out = options.statistics
    ? options.format === "json"
      ? formatStatisticsJson(report)
      : formatStatisticsText(report)
    : options.format === "json"
      ? formatJson(report)
      : options.format === "sarif"
        ? formatSarif(report, version())
        : options.format === "github"
          ? formatGithub(report)
          : formatText(report, process.stdout.isTTY === true && !process.env.NO_COLOR);
  process.stdout.write(out);
  for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  for (const error of outcome.errors) process.stderr.write(`hf-rate-guard: ${error}\n`);
  if (outcome.errors.length) return 2;
  if (options.exitZero) return 0;
  const rank = { info: 0, warning: 1, error: 2 };
  return report.diagnostics.some((d) => rank[d.severity] >= rank[options.failOn]) ? 1 : 0;
}
