// Whether the text prefilter (prefilter.ts: mayMatter) lets through every file that holds something: each file is
// parsed whatever the prefilter says, and a file whose model is not inert (a call, a client, a retry, bill-to
// evidence, an exported helper or client) but that the prefilter would skip is a finding lost. Used by
// test/unit/prefilterSoundness.test.ts over the fixtures and examples, and by scripts/checkPrefilter.ts over any
// folder (the real workspace).
import fs from "node:fs";
import path from "node:path";
import { fileKind, skipReason } from "../../server/src/analysis/fileKinds";
import { mayMatter } from "../../server/src/analysis/prefilter";
import { analyzeJs } from "../../server/src/analysis/js";
import type { FileModel } from "../../server/src/analysis/model";
import { nestingProblem } from "../../server/src/analysis/nesting";
import { parseNotebook } from "../../server/src/analysis/notebook";
import { analyzePython, initPython } from "../../server/src/analysis/python";

export interface PrefilterReport {
  /** Files the analyzer reads (by extension, not skipped as binary, minified or too large or deep). */
  readable: number;
  /** Of those, the ones the prefilter lets through (parsed by a scan). */
  passed: number;
  /** Files whose model holds something. */
  live: number;
  /** Files the prefilter lets through whose model holds nothing. */
  inertPassed: number;
  bytesPassed: number;
  bytesInertPassed: number;
  /** Files whose model holds something but that the prefilter skips, with what their model holds. */
  missed: { file: string; holds: string }[];
}

/** What a model holds, said briefly; empty when nothing. */
export function holdings(m: FileModel): string {
  const parts = [
    m.calls.length && `${m.calls.length} calls`,
    m.clients.length && `${m.clients.length} clients`,
    m.retries.length && `${m.retries.length} retries`,
    m.billToEvidence.length && `${m.billToEvidence.length} bill-to evidence`,
    Object.keys(m.exports.retryHelpers).length && `exported helpers ${Object.keys(m.exports.retryHelpers)}`,
    Object.keys(m.exports.clients).length && `exported clients ${Object.keys(m.exports.clients)}`,
  ];
  return parts.filter(Boolean).join(", ");
}

/** Every file under `dir` the analyzer would look at (node_modules and dot folders left out, as a scan does). */
export function analysableFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.isFile() && fileKind(f)) out.push(f);
    }
  };
  walk(dir);
  return out.sort();
}

export async function checkPrefilter(files: string[], wasmDir: string): Promise<PrefilterReport> {
  await initPython(wasmDir);
  const report: PrefilterReport = {
    readable: 0,
    passed: 0,
    live: 0,
    inertPassed: 0,
    bytesPassed: 0,
    bytesInertPassed: 0,
    missed: [],
  };
  for (const file of files) {
    const kind = fileKind(file);
    if (!kind) continue;
    let text = fs.readFileSync(file, "utf8");
    if (skipReason(text)) continue;
    if (kind === "notebook") {
      const parsed = parseNotebook(text);
      if ("error" in parsed) continue;
      text = parsed.text;
    }
    const language = kind === "js" ? "js" : "python";
    if (nestingProblem(text, language).problem) continue;
    report.readable++;
    const passes = mayMatter(text, kind);
    let model: FileModel;
    try {
      const input = { path: file, text, versions: {} };
      model = language === "js" ? analyzeJs(input) : analyzePython(input);
    } catch {
      continue; // a frontend failure is the analyzer's own report, not the prefilter's
    }
    const holds = holdings(model);
    if (holds) report.live++;
    if (passes) {
      report.passed++;
      report.bytesPassed += text.length;
      if (!holds) {
        report.inertPassed++;
        report.bytesInertPassed += text.length;
      }
    } else if (holds) report.missed.push({ file, holds });
  }
  return report;
}
