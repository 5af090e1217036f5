// `hf-rate-guard explain FILE:LINE`: what the analyzer knows about the HF calls on a line (surface, billing, 429
// protection, findings with their docs), the same explanation the editor's hover shows (analysis/explain.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { Analyzer } from "../analysis/analyzer";
import { explanationText } from "../analysis/explainText";
import { DiskFileSystem } from "../node/diskFileSystem";
import { collectFiles } from "./walk";

export interface ExplainOptions {
  file: string;
  /** 1-based. */
  line: number;
  format: "text" | "json";
  billTo?: string;
  config?: string;
}

export type ParsedExplain = { command: "explain"; options: ExplainOptions } | { command: "error"; message: string };

export const EXPLAIN_USAGE = `       hf-rate-guard explain FILE:LINE [--format text|json] [--bill-to ORG] [--config FILE]`;

export function parseExplainArgs(args: string[]): ParsedExplain {
  let target: string | undefined;
  const options: Partial<ExplainOptions> = { format: "text" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "--format") {
      const v = value();
      if (v !== "text" && v !== "json")
        return { command: "error", message: `explain --format takes text or json (got ${v ?? "nothing"})` };
      options.format = v;
    } else if (flag === "--bill-to" || flag === "--config") {
      const v = value();
      if (!v)
        return {
          command: "error",
          message: `${flag} takes ${flag === "--config" ? "a file path" : "an organization name"}`,
        };
      options[flag === "--config" ? "config" : "billTo"] = v;
    } else if (arg.startsWith("-")) return { command: "error", message: `unknown option ${arg}` };
    else if (target) return { command: "error", message: "explain takes one FILE:LINE" };
    else target = arg;
  }
  const match = target ? /^(.+):(\d+)$/.exec(target) : null;
  if (!match || Number(match[2]) < 1) return { command: "error", message: "explain takes FILE:LINE, e.g. app.py:12" };
  return { command: "explain", options: { ...options, file: match[1], line: Number(match[2]) } as ExplainOptions };
}

/** Prints the explanation; exit 0 when there was a call to explain, 1 when the line holds none, 2 on errors. */
export async function runExplain(
  options: ExplainOptions,
  cwd: string,
  wasmDir: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const file = path.resolve(cwd, options.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    err(`hf-rate-guard: ${options.file}: no such file`);
    return 2;
  }
  if (!Analyzer.isAnalysable(file)) {
    err(`hf-rate-guard: ${options.file}: not a Python, JavaScript or TypeScript file`);
    return 2;
  }
  // Cross-file facts (retry helpers, bill-to evidence) come from the project: the current folder when the file is
  // in it, else the file's own folder.
  const root = file.startsWith(cwd + path.sep) ? cwd : path.dirname(file);
  const analyzer = await Analyzer.create({ fs: new DiskFileSystem(), wasmDir, incremental: false });
  for (const f of collectFiles([root]).files) analyzer.setFile(posix(f));
  analyzer.setFile(posix(file));
  const overrides = {
    billTo: options.billTo,
    configFile: options.config ? path.resolve(cwd, options.config) : undefined,
  };
  const explanations = analyzer.explain(posix(file), { line: options.line - 1 }, overrides);
  const where = path.relative(cwd, file) || path.basename(file);
  if (options.format === "json")
    out(JSON.stringify({ version: 1, file: where, line: options.line, calls: explanations }, null, 2) + "\n");
  else if (explanations.length) out(explanations.map((e) => explanationText(e, where)).join("\n\n") + "\n");
  else out(`${where}:${options.line}: no Hugging Face call on this line\n`);
  return explanations.length ? 0 : 1;
}

function posix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}
