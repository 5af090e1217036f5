// Issue 12: an edit storm with diagnostics pulls in between. Pulls that newer edits already overtook (on the wire,
// not yet applied) are answered with the last results instead of analysing a version nobody will see: each of
// those analyses was a full analysis of a broken 5,000-line file, and their garbage raised the server's peak RSS.
// Counted through the status notification the server sends after every analysis.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hfPython, hfTs, sized } from "../support/heavyFiles";
import { LspClient } from "../support/lsp";

const analyses = (c: LspClient) =>
  c.notifications.filter((n) => n.method === "hfRateGuard/status" && (n.params as { state: string }).state === "ready")
    .length;

for (const [language, ext, gen] of [
  ["typescript", "ts", hfTs],
  ["python", "py", hfPython],
] as const) {
  test(`a storm of 2,000 edits with 10 pulls in a 5,000-line ${language} file analyses the final version, not every pulled one`, async () => {
    const text = sized(gen);
    const lines = text.split("\n");
    const c = new LspClient();
    try {
      await c.initialize({ pull: true });
      const uri = `file:///tmp/hfrg-storm/storm.${ext}`;
      c.open(uri, text, language);
      await c.pull(uri);
      const opened = analyses(c);
      const pulls: Promise<{ items: unknown[] }>[] = [];
      let line = 0;
      for (let v = 2; v <= 2001; v++) {
        // One character at the start of lines spread over the file: most versions are broken.
        line = (line + 7919) % (lines.length - 100);
        const typed = v % 2 === 0 ? "x" : " ";
        lines[line] = typed + lines[line];
        c.change(uri, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: typed }]);
        if (v % 200 === 0) pulls.push(c.pull(uri));
      }
      const answered = await Promise.all(pulls);
      assert.equal(answered.length, 10, "every pull is answered");
      // The last change is a blank line at the top and one at the end: an edit that spreads over the file. (Had the
      // last pull been followed by one keystroke in a broken statement, the final report would hold what that pull
      // reported there: lsp/heldWhileBroken.ts, the statement being typed.)
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const top = { line: 0, character: 0 };
      c.change(uri, 2002, [
        { range: { start: end, end }, text: "\n" },
        { range: { start: top, end: top }, text: "\n" },
      ]);
      lines.push("");
      lines.unshift("");
      const final = await c.pull(uri);
      const storm = analyses(c) - opened;
      // The last pull of the storm and the one after it may each analyse; the nine pulls overtaken by edits do not,
      // as long as the server has read those edits off the pipe (64 KB) when it reaches the pull. On a loaded
      // machine it may reach a pull first, so a couple of extra analyses are tolerated; without the check every
      // pull analyses (11).
      assert.ok(storm <= 4, `${storm} analyses for 11 pulls`);
      // What the last pull gets is the final text's diagnostics, as a fresh document with that text gets them.
      const fresh = `file:///tmp/hfrg-storm/fresh.${ext}`;
      c.open(fresh, lines.join("\n"), language);
      const expected = await c.pull(fresh);
      assert.ok(expected.items.length > 0);
      assert.deepEqual(
        final.items.map((d) => JSON.stringify([d.code, d.range, d.message])),
        expected.items.map((d) => JSON.stringify([d.code, d.range, d.message])),
      );
    } finally {
      await c.close();
    }
  });
}
