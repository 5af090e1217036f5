// Runs the real CLI bundle (dist/cli.js) in a child process, as CI scripts do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI } from "./paths";
import { tempDir } from "./tempDir";

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  // A hang is a failure, not a stuck CI run.
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary workspace with the given files (relative paths). */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempDir("hfrg-");
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}
