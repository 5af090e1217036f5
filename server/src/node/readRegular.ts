// Reading a file the workspace names, when the workspace may be hostile: only a regular file is read, and only up
// to a size cap. A config file or requirements.txt can be a symbolic link to /dev/zero (git carries links), which
// a plain read follows forever while memory grows, or a FIFO, whose open blocks until someone writes to it.
import * as fs from "node:fs";

/** Larger than any real manifest or lock file (big package-lock.json files run to a few MB). */
export const MAX_READ_BYTES = 32 * 1024 * 1024;

export type ReadOutcome = { text: string } | { missing: true } | { problem: string };

/** A FIFO opened without O_NONBLOCK waits for a writer; with it, the open returns and fstat shows what it is. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export function readRegularFile(file: string, maxBytes = MAX_READ_BYTES): ReadOutcome {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { missing: true };
    return { problem: `cannot read it (${code ?? (err as Error).message})` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: "not a regular file" };
    if (stat.size > maxBytes) return { problem: `larger than ${megabytes(maxBytes)}` };
    // Read to the end, but never past the cap: the size can change between fstat and the reads.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // More bytes than fstat said: the file is growing under us.
      if (length === buffer.length)
        return { problem: length > maxBytes ? `larger than ${megabytes(maxBytes)}` : "it grew while being read" };
    }
    return { text: buffer.toString("utf8", 0, length) };
  } catch (err) {
    return { problem: `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    fs.closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
