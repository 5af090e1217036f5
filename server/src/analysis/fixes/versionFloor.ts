// HF001 where a manifest's range admits versions below a version gate (issue 16): raise the range's floor in the
// manifest it came from, so every version it admits retries by itself (or gives errors a status). A dependency
// change is the user's decision (it takes a reinstall, and the lock file follows), so this fix is never preferred:
// the editor offers it, `--fix` and fix-all keep to the code fix, which works on every version.
import type { Fix } from "../diagnostic";
import type { HfCall } from "../model";
import { atLeast } from "../versions/semver";
import { gateOf, raisedFloor } from "../versions/ranges";
import type { FixContext } from "./context";
import { positionAt } from "../text";

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
              range: { start: positionAt(range.text, range.start), end: positionAt(range.text, range.end) },
              newText: spec,
            },
          ],
        },
      ],
    },
  ];
}
