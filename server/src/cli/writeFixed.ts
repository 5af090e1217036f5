// Writes a fixed file back the way it was: same BOM, same encoding (UTF-8), and line endings as the fixer
// produced them (the core inserts text with the document's own line ending). Written to a temporary file
// first and renamed, so an interrupted write never leaves a half-written source file.
import * as fs from "node:fs";
import * as path from "node:path";

export function writeFixed(file: string, text: string): void {
  const original = fs.readFileSync(file);
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.hf-rate-guard-${process.pid}.tmp`);
  const mode = fs.statSync(file).mode;
  fs.writeFileSync(tmp, (bom ? "\uFEFF" : "") + text, { encoding: "utf8", mode });
  fs.renameSync(tmp, file);
}
