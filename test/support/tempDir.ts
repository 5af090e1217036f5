// Temporary folders for tests, removed when the test process exits: a full `npm test` makes about a thousand of
// them, and left behind they slow every later listing of the temporary folder (the CLI's manifest lookups walk up
// through it when a workspace lives there).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const made: string[] = [];

/** A new empty folder under the system's temporary folder, named `<prefix>XXXXXX`; gone when the process exits. */
export function tempDir(prefix: string, parent = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  if (made.length === 0) process.on("exit", removeAll);
  made.push(dir);
  return dir;
}

function removeAll(): void {
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A folder still in use (a child that outlived the test) is left to the system.
    }
  }
}
