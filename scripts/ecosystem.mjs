// The ecosystem check (the habit of ruff's maintainers): run the CLI over real public repositories and write
// every diagnostic to a file for review by hand. Not part of `npm test`: it needs the unpacked repositories.
//
//   npm run ecosystem [-- DIR...]
//
// Unpacks ../shared/bench/real-workspace.tar.gz (five repositories, one folder each) into .ecosystem/repos once,
// checks each repository folder as its own workspace (plus any DIR given, e.g. a repository you cloned), and
// writes .ecosystem/diagnostics.json (every diagnostic, with the source line) and .ecosystem/summary.txt (counts
// per repository and rule). Review a sample and record the precision in docs/accuracy.md.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".ecosystem");
const repos = path.join(out, "repos");
const tarball = process.env.ECOSYSTEM_TARBALL ?? path.resolve(root, "..", "shared", "bench", "real-workspace.tar.gz");

fs.mkdirSync(repos, { recursive: true });
fs.writeFileSync(path.join(out, ".gitignore"), "*\n");
if (fs.readdirSync(repos).length === 0) {
  if (!fs.existsSync(tarball)) {
    console.error(`ecosystem: ${tarball} not found (set ECOSYSTEM_TARBALL, or pass repository folders as arguments)`);
    if (process.argv.length <= 2) process.exit(2);
  } else execFileSync("tar", ["xzf", tarball, "-C", repos]);
}

const targets = [
  ...fs.readdirSync(repos).map((d) => path.join(repos, d)),
  ...process.argv.slice(2).map((d) => path.resolve(d)),
].filter((d) => fs.statSync(d).isDirectory());
if (!fs.existsSync(path.join(root, "dist", "cli.js")) && !fs.existsSync(path.join(root, "bin", "hf-rate-guard.js"))) {
  console.error("ecosystem: build first (npm run build)");
  process.exit(2);
}
const bin = path.join(root, "bin", "hf-rate-guard.js");
const all = [];
const summary = [];
for (const dir of targets) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [bin, "check", "--format", "json", "--no-cache", "."], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) {
    summary.push(`${path.basename(dir)}: exit ${run.status} ${run.stderr.slice(-300)}`);
    continue;
  }
  const { diagnostics } = JSON.parse(run.stdout);
  const counts = {};
  for (const d of diagnostics) {
    counts[d.code] = (counts[d.code] ?? 0) + 1;
    let source = "";
    try {
      const text = fs.readFileSync(path.join(dir, d.file), "utf8");
      source = d.cell === undefined ? (text.split("\n")[d.line - 1]?.trim() ?? "") : "";
    } catch {
      // a file that vanished meanwhile: keep the diagnostic without its line
    }
    all.push({ repo: path.basename(dir), ...d, source });
  }
  const perRule = Object.entries(counts)
    .sort()
    .map(([c, n]) => `${c} ${n}`)
    .join(", ");
  summary.push(
    `${path.basename(dir)}: ${diagnostics.length} diagnostics (${perRule || "none"}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
fs.writeFileSync(path.join(out, "diagnostics.json"), JSON.stringify(all, null, 1) + "\n");
fs.writeFileSync(path.join(out, "summary.txt"), summary.join("\n") + "\n");
console.log(summary.join("\n"));
console.log(`\n${all.length} diagnostics -> ${path.relative(process.cwd(), path.join(out, "diagnostics.json"))}`);
