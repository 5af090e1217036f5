import type { RuleCode } from "../../../../shared/src/rules";
import type { ClientConstruction, FileModel, HfCall, RetryConstruct, Span } from "../model";

/** The organization a workspace bills, and where that was learned (for messages). */
export interface OrgContext {
  org: string;
  /** "configuration" or the workspace-relative file whose code bills the org. */
  source: string;
  /** Where that code names the org (absent for configuration); `path` absent means this file. */
  at?: { path?: string; span: Span };
}

export interface RuleContext {
  path: string;
  model: FileModel;
  orgContext?: OrgContext;
}

/** A rule's finding before it becomes a positioned diagnostic; keeps its subject so fixes can be built from it. */
export interface Finding {
  code: RuleCode;
  span: Span;
  message: string;
  call?: HfCall;
  client?: ClientConstruction;
  retry?: RetryConstruct;
}

export interface Rule {
  code: RuleCode;
  check(ctx: RuleContext): Finding[];
}
