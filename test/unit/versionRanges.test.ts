// Issue 16, "Version ranges": a lock file decides the version; a manifest's range whose floor lies below a version
// gate (docs/hf-facts.md) is named in the HF001 message, and a quick fix raises that floor in the manifest it came
// from. The fix is not preferred: `--fix` and fix-all change code, never dependencies.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { raisedFloor, rangeOf } from "../../server/src/analysis/versions/ranges";
import { ROOT } from "../support/paths";

const DOWNLOAD = `from huggingface_hub import hf_hub_download


def weights():
    return hf_hub_download("org/model", "model.safetensors")
`;

const OLD_HFJS = `import { InferenceClient } from "@huggingface/inference";

const hf = new InferenceClient(process.env.HF_TOKEN);

export async function ask() {
  try {
    return await hf.chatCompletion({ model: "m", messages: [] });
  } catch (err) {
    if ((err as { httpResponse?: { status?: number } }).httpResponse?.status === 429) return undefined;
    throw err;
  }
}
`;

async function check(file: string, text: string, extra: Record<string, string>) {
  const files = { [file]: text, ...extra };
  const a = await Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: path.join(ROOT, "node_modules") });
  for (const p of Object.keys(files)) a.setFile(p);
  const hf001 = a.check(file).diagnostics.filter((d) => d.code === "HF001");
  const fixed = a.fixAll(file);
  return { hf001, fixed };
}

/** The manifest's text after the floor fix's edits (single-line edits, as the fix makes). */
function applyOther(
  text: string,
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[],
) {
  const lines = text.split("\n");
  for (const e of edits) {
    const l = lines[e.range.start.line];
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  return lines.join("\n");
}

test("a requirements range below the gate: the message names it, the fix raises its floor in that file", async () => {
  const requirements = "requests>=2.31\nhuggingface-hub[cli] >= 0.31.2, <2  # hub\n";
  const { hf001, fixed } = await check("/ws/app/dl.py", DOWNLOAD, { "/ws/requirements.txt": requirements });
  assert.equal(hf001.length, 1);
  assert.match(
    hf001[0].message,
    /`huggingface-hub>= 0\.31\.2, <2` in requirements\.txt admits versions that do not retry 429 by themselves \(before 1\.2\.0\)/,
  );
  const floor = hf001[0].fixes.find((f) => f.otherFiles);
  assert.ok(floor, "a floor fix");
  assert.equal(floor.title, "HF001: Require huggingface-hub>=1.2.0,<2 in requirements.txt");
  assert.equal(floor.isPreferred, false, "dependencies are the user's decision: never applied by fix-all");
  assert.equal(floor.otherFiles![0].path, "/ws/requirements.txt");
  assert.equal(
    applyOther(requirements, floor.otherFiles![0].edits),
    "requests>=2.31\nhuggingface-hub[cli] >=1.2.0,<2  # hub\n",
  );
  // Fix-all applied the code fix only.
  assert.match(fixed.text, /_hf_retry\(/);
});

test("pyproject (PEP 621 and Poetry) and package.json ranges are found where they are written", async () => {
  const pep621 = `[project]\nname = "x"\ndependencies = [\n  "huggingface_hub>=0.31.2",\n  "smolagents~=1.20",\n]\n`;
  const fs = new MemoryFileSystem({ "/p/pyproject.toml": pep621 });
  const hub = rangeOf(fs, "/p/src/a.py", "huggingface_hub")!;
  assert.equal(pep621.slice(hub.start, hub.end), ">=0.31.2");
  assert.equal(rangeOf(fs, "/p/a.py", "smolagents")!.spec, "~=1.20");
  const poetry = `[tool.poetry.dependencies]\npython = "^3.11"\nhuggingface-hub = { version = "^0.31", extras = ["cli"] }\n`;
  const p2 = rangeOf(new MemoryFileSystem({ "/q/pyproject.toml": poetry }), "/q/a.py", "huggingface_hub")!;
  assert.equal(poetry.slice(p2.start, p2.end), "^0.31");
  assert.equal(raisedFloor(p2, "1.2.0", false), "^1.2.0");
  const pkg = `{\n  "dependencies": {\n    "@huggingface/inference": "^3.1.0"\n  }\n}\n`;
  const js = rangeOf(new MemoryFileSystem({ "/w/package.json": pkg }), "/w/src/a.ts", "@huggingface/inference")!;
  assert.equal(pkg.slice(js.start, js.end), "^3.1.0");
  assert.equal(raisedFloor(js, "4.0.0", true), "^4.0.0");
});

test("no range to report: a lock file pins the version, the manifest pins one, or the floor is high enough", async () => {
  const lock = `[[package]]\nname = "huggingface-hub"\nversion = "0.31.2"\n`;
  const fs = new MemoryFileSystem({ "/a/requirements.txt": "huggingface_hub>=0.31.2\n", "/a/poetry.lock": lock });
  assert.equal(rangeOf(fs, "/a/x.py", "huggingface_hub"), undefined, "the lock decides");
  const pinned = new MemoryFileSystem({ "/b/requirements.txt": "huggingface_hub==0.31.2\n" });
  assert.equal(rangeOf(pinned, "/b/x.py", "huggingface_hub"), undefined);
  const exact = new MemoryFileSystem({ "/c/package.json": '{"dependencies":{"@huggingface/inference":"3.1.0"}}' });
  assert.equal(rangeOf(exact, "/c/x.ts", "@huggingface/inference"), undefined);
  // The locked old version: HF001 with the version's own message, and no floor fix.
  const locked = await check("/a/dl.py", DOWNLOAD, {
    "/a/requirements.txt": "huggingface_hub>=0.31.2\n",
    "/a/poetry.lock": lock,
  });
  assert.equal(locked.hf001.length, 1);
  assert.doesNotMatch(locked.hf001[0].message, /range/);
  assert.equal(
    locked.hf001[0].fixes.some((f) => f.otherFiles),
    false,
  );
  // A floor at the gate: the download retries by itself.
  const high = await check("/d/dl.py", DOWNLOAD, { "/d/requirements.txt": "huggingface_hub>=1.2\n" });
  assert.equal(high.hf001.length, 0);
});

test("an upper bound below the gate: the message stays, no fix would leave an empty range", async () => {
  const { hf001 } = await check("/e/dl.py", DOWNLOAD, { "/e/requirements.txt": "huggingface_hub>=0.30,<1.0\n" });
  assert.match(hf001[0].message, /admits versions that do not retry/);
  assert.equal(
    hf001[0].fixes.some((f) => f.otherFiles),
    false,
  );
});

test("@huggingface/inference ^3.1.0: errors without a status; the fix raises the floor to ^4.0.0 in package.json", async () => {
  const pkg = `{\n  "type": "module",\n  "dependencies": { "@huggingface/inference": "^3.1.0" }\n}\n`;
  const { hf001 } = await check("/w/src/ask.ts", OLD_HFJS, { "/w/package.json": pkg });
  assert.equal(hf001.length, 1);
  assert.match(
    hf001[0].message,
    /`@huggingface\/inference\^3\.1\.0` in package\.json admits versions that throw errors without a status \(before 4\.0\.0\)/,
  );
  const floor = hf001[0].fixes.find((f) => f.otherFiles)!;
  assert.equal(applyOther(pkg, floor.otherFiles![0].edits), pkg.replace("^3.1.0", "^4.0.0"));
  // Locked at 4.x, the same catch is right.
  const lock = JSON.stringify({ packages: { "node_modules/@huggingface/inference": { version: "4.13.0" } } });
  const ok = await check("/v/src/ask.ts", OLD_HFJS, { "/v/package.json": pkg, "/v/package-lock.json": lock });
  assert.equal(ok.hf001.length, 0);
});
