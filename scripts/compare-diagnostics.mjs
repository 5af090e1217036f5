// Records and compares the CLI's diagnostics over fixed targets, to prove a refactor changes no finding (or to
// list each finding it does change).
//
//   node scripts/compare-diagnostics.mjs record OUT_DIR [--cli dist/cli.js]
//       runs `check --format json --no-cache` over examples/, every fixture folder and the real workspace (the
//       shared archive unpacked to the temp folder), writing one JSON file per target into OUT_DIR
//   node scripts/compare-diagnostics.mjs diff BEFORE_DIR AFTER_DIR
//       prints each diagnostic found in one run and not the other, per target; exit 1 when they differ
//
// Record the baseline from a copy of the old bundle (`cp -r dist /tmp/base-dist`) so both runs can be made later.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function targets() {
  const out = [["examples", path.join(root, "examples")]];
  const fixtures = path.join(root, "test", "fixtures");
  for (const language of fs.readdirSync(fixtures).sort()) {
    for (const kind of fs.readdirSync(path.join(fixtures, language)).sort()) {
      const dir = path.join(fixtures, language, kind);
      if (!fs.statSync(dir).isDirectory()) continue;
      out.push([`fixtures-${language}-${kind}`, dir]);
      // Folder fixtures are projects of their own (config, bill-to evidence): each is also checked as the root.
      for (const sub of fs.readdirSync(dir).sort()) {
        if (fs.statSync(path.join(dir, sub)).isDirectory())
          out.push([`fixtures-${language}-${kind}-${sub}`, path.join(dir, sub)]);
      }
    }
  }
  out.push(["real-workspace", realWorkspace()]);
  return out;
}

function realWorkspace() {
  const dir = path.join(os.tmpdir(), "hfrg-real-workspace");
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(root, "..", "shared", "bench", "real-workspace.tar.gz"), "-C", dir]);
  }
  return dir;
}

function record(outDir, cli) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, dir] of targets()) {
    let stdout;
    try {
      stdout = execFileSync(process.execPath, [cli, "check", ".", "--format", "json", "--no-cache", "--jobs", "1"], {
        cwd: dir,
        maxBuffer: 1 << 30,
        encoding: "utf8",
      });
    } catch (e) {
      // Exit status 1 means findings; the report is still on stdout.
      if (e.status !== 1) throw e;
      stdout = e.stdout;
    }
    const report = JSON.parse(stdout);
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(report, null, 1));
    console.log(`${name}: ${report.diagnostics.length} diagnostics`);
  }
}

const keyOf = (d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code} ${d.message}`;

function diff(before, after) {
  let differences = 0;
  const names = new Set([...fs.readdirSync(before), ...fs.readdirSync(after)].filter((f) => f.endsWith(".json")));
  for (const name of [...names].sort()) {
    const read = (dir) => {
      const file = path.join(dir, name);
      return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).diagnostics.map(keyOf) : [];
    };
    const a = read(before);
    const b = read(after);
    const count = (list) => list.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map());
    const ca = count(a);
    const cb = count(b);
    const lines = [];
    for (const [k, n] of ca) for (let i = cb.get(k) ?? 0; i < n; i++) lines.push(`- ${k}`);
    for (const [k, n] of cb) for (let i = ca.get(k) ?? 0; i < n; i++) lines.push(`+ ${k}`);
    if (lines.length) {
      differences += lines.length;
      console.log(`${name} (${a.length} -> ${b.length}):\n  ${lines.sort().join("\n  ")}`);
    }
  }
  console.log(differences ? `${differences} differing diagnostics` : "no differences");
  process.exitCode = differences ? 1 : 0;
}

const [mode, a, b, ...rest] = process.argv.slice(2);
if (mode === "record" && a) {
  const cliFlag = [b, ...rest].indexOf("--cli");
  const cli = cliFlag >= 0 ? [b, ...rest][cliFlag + 1] : path.join(root, "dist", "cli.js");
  record(path.resolve(a), path.resolve(cli));
} else if (mode === "diff" && a && b) {
  diff(path.resolve(a), path.resolve(b));
} else {
  console.error("usage: compare-diagnostics.mjs record OUT_DIR [--cli FILE] | diff BEFORE_DIR AFTER_DIR");
  process.exitCode = 2;
}
