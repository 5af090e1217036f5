// `npm test`: build the bundles, type-check and compile the tests, then run every *.test.js with node's runner.
// `npm test -- cli meter` runs only test files whose path contains one of the words.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

// The .vsix (production bundles) for the real-VS-Code tests; its bundles also serve every other test.
run(process.execPath, [path.join(root, "scripts/build.mjs"), "--production"]);
run(process.execPath, [path.join(root, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--out", "dist/hf-rate-guard.vsix"]);
run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-b"]);

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith(".test.js")) found.push(full);
  }
  return found;
}
const filters = process.argv.slice(2);
const files = findTests(path.join(root, "out/test"))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
