// The facts the rules rely on live in the repository (docs/hf-facts.md), and every code comment that cites a
// section of it names one that exists.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.(ts|mjs|js)$/.test(e.name) ? [full] : [];
  });
}

test("code comments cite sections of docs/hf-facts.md that exist, and nothing cites a file outside the repository", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs", "hf-facts.md"), "utf8");
  const headings = new Set([...page.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim()));
  const files = ["server/src", "client/src", "shared/src", "scripts"].flatMap((d) => sources(path.join(ROOT, d)));
  const problems: string[] = [];
  let citations = 0;
  for (const file of [...files, path.join(ROOT, "ARCHITECTURE.md")]) {
    const text = fs.readFileSync(file, "utf8");
    const rel = path.relative(ROOT, file);
    if (text.includes("shared/hf-facts")) problems.push(`${rel} cites ../shared/hf-facts.md`);
    if (/(?<!docs\/)hf-facts(?!\.md)/.test(text.replace(/docs\/hf-facts\.md/g, "")))
      problems.push(`${rel} cites "hf-facts" without its path`);
    // A citation names sections in quotes right after the path: (docs/hf-facts.md, "Hosts" and "Version gates").
    for (const m of text.matchAll(/docs\/hf-facts\.md,((?:\s*(?:and\s+)?"[^"]+",?)+)/g)) {
      for (const [, quoted] of m[1].matchAll(/"([^"]+)"/g)) {
        // A citation may wrap onto the next comment line.
        const section = quoted.replace(/\s*\n\s*(\/\/|\*)?\s*/g, " ");
        citations++;
        if (![...headings].some((h) => h.startsWith(section)))
          problems.push(`${rel} cites section "${section}", not in docs/hf-facts.md`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(citations >= 8, `only ${citations} section citations found`);
});
