// One retry helper per project instead of one per file: `hf_retry.py` beside the top package (Python) or
// `hfRetry.ts` beside the sources (JS/TS), created by the first fix that needs it and imported by every file.
// Where it goes and what it is imported as are decided here, from the workspace's files; whether to use it
// (the setting, "more than one file needs it") is decided by the analyzer, which knows the workspace.
import type { FileSystem } from "../fileSystem";
import type { Language } from "../model";
import { jsBlocks } from "./templates/javascript";
import { PY_HELPER, PY_HELPER_ASYNC, PY_RETRY_AFTER, PY_RETRY_DELAY } from "./templates/python";

export interface HelperModule {
  /** Workspace path of the module. */
  path: string;
  /** What files import: "hf_retry" (Python), "./hfRetry" or "../hfRetry.js" (relative to the fixed file). */
  specifier: string;
  /** Its text when it exists already (then fixes only import from it). */
  existing?: string;
  /** The text to create it with, when it does not exist. */
  create?: string;
  /**
   * Python only: a module holding the sync helper and the names the import must bind. ruff sorts the import as
   * first-party when the module sits at the project root (beside pyproject.toml), else as third-party.
   */
  firstParty?: boolean;
}

const PY_NAME = "hf_retry.py";
const PY_MARKERS = [".git", "pyproject.toml", "setup.py", "setup.cfg", "ruff.toml", ".ruff.toml"];

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/** Where the project's helper module is for `file`, or undefined when a module cannot serve it (CommonJS). */
export function locateHelperModule(
  language: Language,
  file: string,
  text: string,
  fs: FileSystem,
): Omit<HelperModule, "existing" | "create"> | undefined {
  const exists = (p: string) => fs.readFile(p) !== undefined;
  if (language === "python") {
    // Beside the top package: up from the file's folder while the folder is a package.
    let dir = dirname(file);
    while (dir !== "/" && exists(`${dir}/__init__.py`)) dir = dirname(dir);
    const firstParty =
      PY_MARKERS.some((m) => exists(`${dir}/${m}`)) ||
      (dir.endsWith("/src") && PY_MARKERS.some((m) => exists(`${dirname(dir)}/${m}`)));
    return { path: `${dir}/${PY_NAME}`, specifier: "hf_retry", firstParty };
  }
  const ts = /\.(m|c)?tsx?$/.test(file);
  // TypeScript imports either way; a JS file must already be an ES module (a CommonJS one would need require()).
  const esm = ts || /^\s*(import|export)\s/m.test(text) || file.endsWith(".mjs");
  if (!esm) return undefined; // a CommonJS file would need require(): the helper stays inline there
  const ext = ts ? ".ts" : file.endsWith(".mjs") ? ".mjs" : ".js";
  // Beside the sources: the nearest `src` folder above the file, else the file's own folder.
  const dir = dirname(file);
  const src = dir.split("/").lastIndexOf("src");
  const home =
    src > 0
      ? dir
          .split("/")
          .slice(0, src + 1)
          .join("/")
      : dir;
  const path = `${home}/hfRetry${ext}`;
  let rel = relative(dir, `${home}/hfRetry`);
  // Node's ESM resolution wants the extension; TypeScript under node16/nodenext wants it written as .js.
  if (!ts) rel += ext;
  else if (nodeResolution(fs, dir) || /from\s+["']\.{1,2}\/[^"']+\.js["']/.test(text)) rel += ".js";
  return { path, specifier: rel };
}

function relative(fromDir: string, to: string): string {
  const a = fromDir.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return (up === 0 ? "./" : "../".repeat(up)) + b.slice(i).join("/");
}

/** The nearest tsconfig.json resolves modules like Node (node16/nodenext): relative imports carry `.js`. */
function nodeResolution(fs: FileSystem, dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    const config = fs.readFile(`${d}/tsconfig.json`);
    if (config !== undefined) return /"module(Resolution)?"\s*:\s*"node(16|next)"/i.test(config);
    if (d === "/" || fs.readFile(`${d}/package.json`) !== undefined) return false;
  }
}

/** Block text without its function-local imports (the module imports at its top). */
function withoutLocalImports(text: string): string {
  return text.replace(/\n(    import [\w.]+\n)+\n/g, "\n");
}

/** The Python module: the sync helper, and the async one when the project has async calls to wrap. */
export function pythonModuleText(withAsync: boolean): string {
  const imports = ["email.utils", "random", "time", ...(withAsync ? ["asyncio"] : [])].sort();
  const blocks = [PY_RETRY_AFTER, PY_RETRY_DELAY, PY_HELPER, ...(withAsync ? [PY_HELPER_ASYNC] : [])].map((b) =>
    withoutLocalImports(b.text)
      .replace(/^def _hf_retry\(/m, "def hf_retry(")
      .replace(/^async def _hf_retry_async\(/m, "async def hf_retry_async("),
  );
  return `"""Retries for Hugging Face calls, written by HF Rate Guard's quick fix.

hf_retry(call, *args, **kwargs) retries 429, 500, 502, 503, 504 and connection errors, never 402
(credits exhausted) or another 4xx; it waits what Retry-After says (seconds or HTTP-date), else
backs off with full jitter (1 s base, 60 s cap), and gives up after 5 attempts.
"""

${imports.map((m) => `import ${m}`).join("\n")}


${blocks.join("\n\n\n")}
`;
}

/** The JS/TS module: the retrying call and fetch, exported. */
export function jsModuleText(ts: boolean): string {
  const { retryAfter, retryable, retry, fetch } = jsBlocks(ts);
  return `// Retries for Hugging Face calls, written by HF Rate Guard's quick fix: 429, 500, 502, 503, 504 and network
// errors, never 402 (credits exhausted) or another 4xx; waits what Retry-After says (seconds or HTTP-date), else
// backs off with full jitter (1 s base, 60 s cap); gives up after 5 attempts.

${retryAfter.text}

${retryable.text}

${retry.text.replace("async function hfRetry", "export async function hfRetry")}

${fetch.text.replace("function hfFetch(", "export function hfFetch(")}
`;
}

/** The names a module offers, read from its text (a module the user edited may lack the async helper). */
export function moduleOffers(module: HelperModule, name: string): boolean {
  const text = module.existing ?? module.create ?? "";
  return new RegExp(`^(export\\s+)?(async\\s+)?(def|function)\\s+${name}\\b`, "m").test(text);
}
