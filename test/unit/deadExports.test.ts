// No dead exports: a value exported from the shipped code (server, client, shared) is used somewhere besides its
// declaration, in the code or the tests. Exported types are left alone (they document public signatures).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";

/** Entry points called by VS Code or node, not by our code. */
const ENTRY_POINTS = new Set(["activate", "deactivate"]);

function files(dir: string, skip: (rel: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (skip(path.relative(ROOT, full))) return [];
    return e.isDirectory() ? files(full, skip) : /\.(ts|mjs)$/.test(e.name) ? [full] : [];
  });
}

test("every exported value of the shipped code is used besides its declaration", () => {
  const shipped = ["server/src", "client/src", "shared/src"].flatMap((d) => files(path.join(ROOT, d), () => false));
  const testsAndScripts = [
    ...files(path.join(ROOT, "test"), (rel) => /^test\/(fixtures|e2e\/fixtures|runtime\/programs)/.test(rel)),
    ...files(path.join(ROOT, "scripts"), () => false),
  ];
  const texts = new Map([...shipped, ...testsAndScripts].map((f) => [f, fs.readFileSync(f, "utf8")]));
  const unused: string[] = [];
  for (const file of shipped) {
    for (const [, name] of texts
      .get(file)!
      .matchAll(/^export (?:async )?(?:function\*?|const|let|class|enum) (\w+)/gm)) {
      if (ENTRY_POINTS.has(name)) continue;
      const word = new RegExp(`\\b${name}\\b`, "g");
      let uses = 0;
      for (const text of texts.values()) uses += text.match(word)?.length ?? 0;
      if (uses <= 1) unused.push(`${path.relative(ROOT, file)}: ${name}`);
    }
  }
  assert.deepEqual(unused, [], "exported but never used: remove them (or the export keyword)");
});
