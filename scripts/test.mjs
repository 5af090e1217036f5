// `npm test`: build the bundles, type-check and compile the tests, lint, set up what the chosen suites need (first use
// only, cached like `npm start`'s: see setup.mjs), then run every *.test.js with node's runner.
// `npm test -- cli meter` runs only test files whose path contains one of the words.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensureChromium, ensureCodeServer, ensureNeovim, ensurePython, pathWithTools, runSetup } from "./setup.mjs";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
/** A failed step ends the run with one line naming it; the tool's own output (the reason) is just above. */
const run = (what, cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write(`\nnpm test: ${what} failed${r.error ? ` (${r.error.message})` : ""}; see above.\n`);
    process.exit(1);
  }
};

// The .vsix (production bundles) for the real-VS-Code tests; its bundles also serve every other test.
run("the build", process.execPath, [path.join(root, "scripts/build.mjs"), "--production"]);
run("packaging the .vsix", process.execPath, [
  path.join(root, "node_modules/@vscode/vsce/vsce"),
  "package",
  "--no-dependencies",
  "--out",
  "dist/hf-rate-guard.vsix",
]);
run("type-checking (tsc -b)", process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-b"]);
// Layout of the project's own code is Prettier's (.prettierrc.json; `npm run format` rewrites it).
run("checking the format (prettier)", process.execPath, [
  path.join(root, "node_modules/prettier/bin/prettier.cjs"),
  "--check",
  "--log-level",
  "warn",
  ".",
]);
// The project's own code, with typescript-eslint (eslint.config.mjs); cached, so an unchanged tree costs seconds.
run("linting (eslint)", process.execPath, [
  path.join(root, "node_modules/eslint/bin/eslint.js"),
  "--cache",
  "--cache-location",
  "node_modules/.cache/eslint/",
  ".",
]);

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

// Only what the chosen suites use: `npm test -- cli` needs none of it.
const suite = (name) => files.some((f) => f.includes(`${path.sep}out${path.sep}test${path.sep}${name}${path.sep}`));
const steps = [];
if (suite("runtime")) steps.push(ensurePython);
if (suite("nvim")) steps.push(ensureNeovim);
if (suite("e2e")) steps.push(ensureCodeServer, ensureChromium);
await runSetup(steps);

const env = { ...process.env, PATH: pathWithTools() };
const result = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], {
  cwd: root,
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
