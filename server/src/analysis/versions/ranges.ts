// Version ranges behind the version gates (docs/hf-facts.md, "Version gates"; issue 16). A lock file decides the
// version; without one, a manifest's range (`huggingface_hub>=0.31.2`, `"@huggingface/inference": "^3.1.0"`)
// admits every version from its floor up, and when the floor lies below a gate the user can be on a version
// without the behaviour. Where the range is written (file and offsets) lets a quick fix raise its floor there.
import { HTTP_BACKOFF } from "../profiles/huggingfaceHub";
import type { FileSystem } from "../fileSystem";
import type { HfCall, PackageVersions } from "../model";
import { atLeast } from "./semver";
import { lowerBound, read } from "./detectVersions";

type Key = keyof PackageVersions;

export interface VersionRange {
  /** The manifest the range came from. */
  file: string;
  /** Its text, for placing an edit in it. */
  text: string;
  /** The package as the manifest names it. */
  name: string;
  /** The constraint as written (`>=0.31.2`, `^3.1.0`) and where it is in the file. */
  spec: string;
  start: number;
  end: number;
  floor: string;
}

/** A version from which a call's client behaves as the analysis needs (retries 429, errors carry a status). */
export interface VersionGate {
  key: Key;
  min: string;
  /** What versions below `min` lack, for the message: "do not retry 429 by themselves". */
  lacks: string;
}

/** The gate that decided a call's HF001, when a version decided it (python/calls.ts, js/protection.ts). */
export function gateOf(call: HfCall): VersionGate | undefined {
  if (
    call.library === "huggingface_hub" &&
    (call.surface === "hub-download" || call.callee.split(".").pop() === HTTP_BACKOFF.name)
  )
    return { key: "huggingface_hub", min: "1.2.0", lacks: "do not retry 429 by themselves" };
  if (call.library === "smolagents")
    return { key: "smolagents", min: "1.23.0", lacks: "do not retry 429 by themselves" };
  if (
    call.library === "@huggingface/inference" &&
    call.protection.kind === "unprotected" &&
    /before @huggingface\/inference 4\.0/.test(call.protection.reason ?? "")
  )
    return { key: "@huggingface/inference", min: "4.0.0", lacks: "throw errors without a status" };
  return undefined;
}

const PY_FILES = {
  locks: ["poetry.lock", "uv.lock", "Pipfile.lock"],
  manifests: ["pyproject.toml", "requirements.txt", "requirements-dev.txt", "requirements.in"],
};
const JS_FILES = { locks: ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"], manifests: ["package.json"] };

const PY_NAMES: Partial<Record<Key, RegExp>> = {
  huggingface_hub: /^huggingface[-_.]hub$/i,
  smolagents: /^smolagents$/i,
};
const JS_NAMES: Partial<Record<Key, RegExp>> = { "@huggingface/inference": /^@huggingface\/inference$/ };

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/**
 * The range `key` comes from for `filePath`: the nearest folder that names the package decides, as in
 * detectVersions; undefined when a lock file pins it there, or the manifest pins one version.
 */
export function rangeOf(fs: FileSystem, filePath: string, key: Key): VersionRange | undefined {
  const js = /\.(m|c)?(j|t)sx?$/.test(filePath);
  const files = js ? JS_FILES : PY_FILES;
  const pattern = (js ? JS_NAMES : PY_NAMES)[key];
  if (!pattern) return undefined;
  for (let d = dirname(filePath); ; d = dirname(d)) {
    for (const file of [...files.locks, ...files.manifests]) {
      const path = d === "/" ? `/${file}` : `${d}/${file}`;
      const text = fs.readFile(path);
      if (text === undefined) continue;
      const entry = read(file, text).find(([name]) => pattern.test(name));
      if (!entry) continue;
      if (files.locks.includes(file)) return undefined;
      return locate(path, file, text, entry[0]);
    }
    if (d === "/" || dirname(d) === d) return undefined;
  }
}

/** The constraint written for `name` in a manifest, when it is a range with a floor. */
function locate(path: string, file: string, text: string, name: string): VersionRange | undefined {
  const n = name.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  let m: RegExpExecArray | null;
  let group = 1;
  if (file === "package.json") m = new RegExp(`"${n}"\\s*:\\s*"([^"]*)"`, "d").exec(text);
  else if (file === "pyproject.toml") {
    // PEP 621 (`"huggingface_hub[cli]>=0.31"`), else Poetry (`huggingface-hub = "^0.31"` or `{ version = "..." }`).
    m = new RegExp(`["']${n}(?![\\w.-])\\s*(\\[[^\\]]*\\])?\\s*([^"';]*)`, "di").exec(text);
    group = 2;
    if (!m) {
      m = new RegExp(`^\\s*["']?${n}["']?\\s*=\\s*(?:\\{[^}\\n]*?version\\s*=\\s*)?"([^"]*)"`, "dim").exec(text);
      group = 1;
    }
  } else {
    m = new RegExp(`^[ \\t]*${n}(?![\\w.-])[ \\t]*(\\[[^\\]]*\\])?[ \\t]*([^;#\\r\\n]*)`, "dim").exec(text);
    group = 2;
  }
  if (!m || m[group] === undefined) return undefined;
  const spec = m[group].trimEnd();
  const floor = lowerBound(spec);
  // One version, not a range: `==1.2.3`, `===1.2.3`, npm's bare `1.2.3`. No floor: `*`, `<2`.
  if (!floor || /^\s*={2,3}|^\s*v?\d/.test(spec)) return undefined;
  const start = m.indices![group]![0];
  return { file: path, text, name, spec, start, end: start + spec.length, floor };
}

/**
 * The range with its floor raised to `min`, keeping the operator's family and any upper bound that still admits
 * `min`; undefined when the upper bound excludes it (raising the floor would leave nothing).
 */
export function raisedFloor(range: VersionRange, min: string, js: boolean): string | undefined {
  const upper = /<=?\s*v?(\d+(?:\.\d+){0,2})/.exec(range.spec);
  if (upper && atLeast(min, upper[1]) && !(upper[0].startsWith("<=") && min === upper[1])) return undefined;
  const caret = /^\s*[\^~](?!=)/.test(range.spec);
  const floor = caret ? `^${min}` : `>=${min}`;
  if (js || caret) return upper && !caret ? `${floor} ${upper[0]}` : floor;
  return upper ? `${floor},${upper[0]}` : floor;
}
