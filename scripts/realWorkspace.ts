// The real HF-heavy workspace the benchmarks scan besides the generated one: a folder given on the command line,
// else the sources of five public repositories packed in ../shared/bench/real-workspace.tar.gz on the project's
// machines, unpacked once into the system's temporary folder (never into the repository).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/** The folder to scan, or undefined when none was given and the archive is not on this machine. */
export function realWorkspace(argv: string[]): string | undefined {
  const given = argv.find((a) => !a.startsWith("-") && fs.existsSync(a) && fs.statSync(a).isDirectory());
  if (given) return path.resolve(given);
  const archive = path.join(root, "..", "shared", "bench", "real-workspace.tar.gz");
  if (!fs.existsSync(archive)) return undefined;
  const dir = path.join(os.tmpdir(), "hfrg-real-workspace");
  if (!fs.existsSync(path.join(dir, ".unpacked"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", archive, "-C", dir]);
    fs.writeFileSync(path.join(dir, ".unpacked"), "");
  }
  return dir;
}

/** How loaded the machine is while measuring (load average over one minute, and cores), to print with figures. */
export function machineLoad(): string {
  return `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
}
