// STUB owned by the quick-fix work: builds each finding's fixes (quick fixes and suppressions) as text edits.
import type { Fix } from "../diagnostic";
import type { FileModel } from "../model";
import type { LineIndex } from "../text";
import type { Finding, OrgContext } from "../rules/types";
import type { PackageVersions } from "../model";

export interface FixContext {
  path: string;
  text: string;
  lines: LineIndex;
  model: FileModel;
  versions: PackageVersions;
  orgContext?: OrgContext;
}

export function fixesFor(_ctx: FixContext, _finding: Finding): Fix[] {
  return [];
}
