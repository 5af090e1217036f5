// Writes a fixed file back the way it was: same BOM, same encoding (UTF-8), and line endings as the fixer
// produced them (the core inserts text with the document's own line ending). Written to a temporary file
// first and renamed, so an interrupted write never leaves a half-written source file.
//
// Nothing is written unless the bytes on disk are still the ones the fix was computed from: a file saved while
// `--fix` ran keeps the user's edit, and a file that is not UTF-8 (read with U+FFFD in place of its bytes) keeps
// its bytes. A file that cannot be written is reported, not fatal.
import * as fs from "node:fs";
import * as path from "node:path";

export type WriteOutcome = { written: true } | { written: false; reason: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // ignoreBOM: keep it in the text, to write it back;

/** `before` is the text the fixes were computed from (BOM removed), `text` the fixed text. */
export function writeFixed(file: string, before: string, text: string): WriteOutcome {
  let original: Buffer;
  let mode: number;
  try {
    original = fs.readFileSync(file);
    mode = fs.statSync(file).mode;
  } catch (err) {
    return { written: false, reason: `could not read it again (${errorCode(err)})` };
  }
  let current: string;
  try {
    current = UTF8.decode(original);
  } catch {
    return { written: false, reason: "not valid UTF-8; its bytes are left as they are" };
  }
  const bom = current.startsWith("\uFEFF");
  if ((bom ? current.slice(1) : current) !== before)
    return { written: false, reason: "it changed on disk while it was being checked" };
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.hf-rate-guard-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, (bom ? "\uFEFF" : "") + text, { encoding: "utf8", mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was created, or the folder refuses even that: there is nothing left to clean.
    }
    return { written: false, reason: `could not write it (${errorCode(err)})` };
  }
  return { written: true };
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (err instanceof Error ? err.message : String(err));
}

/** Creates a file the fixes need (the helper module); an existing file is never overwritten. */
export function createFile(file: string, text: string): WriteOutcome {
  try {
    fs.writeFileSync(file, text, { encoding: "utf8", flag: "wx" });
    return { written: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST" && fs.readFileSync(file, "utf8") === text)
      return { written: true };
    return { written: false, reason: `could not create ${path.basename(file)} (${errorCode(err)})` };
  }
}
