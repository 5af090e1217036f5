// Drives the real analysis core over in-memory files, the way the CLI and the server do.
import path from "node:path";
import { Analyzer } from "../../server/src/analysis/analyzer";
import type { ConfigOverrides } from "../../server/src/analysis/config/types";
import type { Diagnostic } from "../../server/src/analysis/diagnostic";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ROOT } from "./paths";

const WASM_DIR = path.join(ROOT, "node_modules");

/** Files keyed by absolute POSIX path (use "/ws/app.py"). */
export async function analyzeFiles(
  files: Record<string, string>,
  overrides: ConfigOverrides = {},
): Promise<Record<string, Diagnostic[]>> {
  const fs = new MemoryFileSystem(files);
  const analyzer = await Analyzer.create({ fs, wasmDir: WASM_DIR });
  for (const p of Object.keys(files)) analyzer.setFile(p);
  const out: Record<string, Diagnostic[]> = {};
  for (const p of Object.keys(files)) if (Analyzer.isAnalysable(p)) out[p] = analyzer.check(p, overrides).diagnostics;
  return out;
}

/** Diagnostics of a single file, as "CODE@line" strings (1-based line) for compact assertions. */
export async function codesOf(
  fileName: string,
  text: string,
  extra: Record<string, string> = {},
  overrides: ConfigOverrides = {},
): Promise<string[]> {
  const p = `/ws/${fileName}`;
  const result = await analyzeFiles({ ...extra, [p]: text }, overrides);
  return result[p].map((d) => `${d.code}@${d.range.start.line + 1}`);
}
