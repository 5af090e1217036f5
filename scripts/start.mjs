// `npm start`: build, package, and open the product the way a user gets it: code-server bound to 127.0.0.1
// with the .vsix installed and a scratch copy of examples/ open (edits and quick fixes never touch the
// repository; the copy is removed on exit). Ctrl+C stops everything.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { CODE_SERVER, ensureCodeServer, NODE24_BIN, runSetup } from "./setup.mjs";
import { makeScratchExamples, USER_SETTINGS } from "./startWorkspace.mjs";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
/** A failed step ends the run with one line naming it; the tool's own output (the reason) is just above. */
const run = (what, cmd, args, env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: env ?? process.env });
  if (r.status !== 0) {
    process.stderr.write(`\nnpm start: ${what} failed${r.error ? ` (${r.error.message})` : ""}; see above.\n`);
    process.exit(1);
  }
};

await runSetup([ensureCodeServer]);
run("the build", process.execPath, [path.join(root, "scripts", "build.mjs"), "--production"]);
run("packaging the .vsix", process.execPath, [
  path.join(root, "node_modules", "@vscode", "vsce", "vsce"),
  "package",
  "--no-dependencies",
  "--out",
  "dist/hf-rate-guard.vsix",
]);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-rate-guard-start-"));
const env = { ...process.env, PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}` };
for (const d of ["tmp", "config", "data", "cache", "state"]) fs.mkdirSync(path.join(dir, d));
Object.assign(env, {
  TMPDIR: path.join(dir, "tmp"),
  XDG_CONFIG_HOME: path.join(dir, "config"),
  XDG_DATA_HOME: path.join(dir, "data"),
  XDG_CACHE_HOME: path.join(dir, "cache"),
  XDG_STATE_HOME: path.join(dir, "state"),
});
const userData = path.join(dir, "user-data");
fs.mkdirSync(path.join(userData, "User"), { recursive: true });
fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify(USER_SETTINGS, null, 2));
const workspace = makeScratchExamples(root, dir);
const common = ["--user-data-dir", userData, "--extensions-dir", path.join(dir, "extensions")];
run(
  "installing the .vsix into code-server",
  CODE_SERVER,
  [...common, "--install-extension", path.join(root, "dist", "hf-rate-guard.vsix")],
  env,
);

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
fs.writeFileSync(path.join(dir, "config.yaml"), "");
const log = fs.openSync(path.join(dir, "code-server.log"), "a");
const child = spawn(
  CODE_SERVER,
  [
    "--config",
    path.join(dir, "config.yaml"),
    "--auth",
    "none",
    "--bind-addr",
    `127.0.0.1:${port}`,
    ...common,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    workspace,
  ],
  { env, detached: true, stdio: ["ignore", log, log] },
);

let stopping = false;
const stop = (code = 0) => {
  stopping = true;
  try {
    process.kill(-child.pid, "SIGTERM"); // the whole group: the extension host too
  } catch {
    // already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
};
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());
child.on("exit", (code) => {
  if (stopping) return;
  process.stderr.write(
    `\nnpm start: code-server exited (${code}). Its log:\n${fs.readFileSync(path.join(dir, "code-server.log"), "utf8")}\n`,
  );
  stop(1);
});
let ready = false;
for (let i = 0; i < 600 && !ready; i++) {
  try {
    ready = (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    // starting
  }
  if (!ready) await new Promise((r) => setTimeout(r, 100));
}
if (!ready) {
  process.stderr.write(
    `\nnpm start: code-server did not answer within 60 s. Its log:\n${fs.readFileSync(path.join(dir, "code-server.log"), "utf8")}\n`,
  );
  stop(1);
}
console.log(
  `\nHF Rate Guard is running in VS Code (code-server) on a scratch copy of examples/ (removed when you stop):\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n\nPress Ctrl+C to stop.`,
);
await new Promise(() => {});
