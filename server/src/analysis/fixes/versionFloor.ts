// HF001 where a manifest's range admits versions below a version gate (issue 16): raise the range's floor in the
// manifest it came from, so every version it admits retries by itself (or gives errors a status). A dependency
// change is the user's decision (it takes a reinstall, and the lock file follows), so this fix is never preferred:
// the editor offers it, `--fix` and fix-all keep to the code fix, which works on every version.
import type { Fix } from "../diagnostic";
import type { HfCall } from "../model";
import { atLeast } from "../versions/semver";
import { gateOf, raisedFloor } from "../versions/ranges";
import type { FixContext } from "./context";

export function raiseFloorFixes(ctx: FixContext, call: HfCall): Fix[] {
  const gate = gateOf(call);
  const range = gate && ctx.versionRange?.(gate.key);
  if (!gate || !range || atLeast(range.floor, gate.min)) return [];
  const spec = raisedFloor(range, gate.min, ctx.model.language === "js");
  if (!spec) return [];
  const file = range.file.slice(range.file.lastIndexOf("/") + 1);
  return [
    {
      title: `HF001: Require ${range.name}${spec} in ${file}`,
      kind: "quickfix",
      isPreferred: false,
      edits: [],
      otherFiles: [
        {
          path: range.file,
          edits: [
            {
              range: { start: position(range.text, range.start), end: position(range.text, range.end) },
              newText: spec,
            },
          ],
        },
      ],
    },
  ];
}

/** Line and UTF-16 character of an offset (JS strings index UTF-16 code units, as LSP positions count). */
function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
