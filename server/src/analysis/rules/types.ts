import type { RuleCode, Severity } from "../../../../shared/src/rules";
import type { Fix } from "../diagnostic";
import type { FixContext } from "../fixes/context";
import type { ClientConstruction, FileModel, HfCall, PackageVersions, RetryConstruct, Span } from "../model";
import type { VersionRange } from "../versions/ranges";

/** The organization a workspace bills, and where that was learned (for messages). */
export interface OrgContext {
  /** Undefined when the project bills an org through a dynamic value (env var, config): "the organization". */
  org?: string;
  /** That dynamic value, when a fix can reuse it in this file's language. */
  expression?: { language: "python" | "js"; text: string };
  /** "configuration" or the workspace-relative file whose code bills the org. */
  source: string;
  /** Where that code names the org (absent for configuration); `path` absent means this file. */
  at?: { path?: string; span: Span };
}

export interface RuleContext {
  path: string;
  model: FileModel;
  orgContext?: OrgContext;
  /** The manifest range a package's version comes from, when no lock file pins it (versions/ranges.ts). */
  versionRange?: (key: keyof PackageVersions) => VersionRange | undefined;
}

/** A subject's surroundings: the calls made through a client (by its index in the model's list). */
export interface SubjectContext extends RuleContext {
  callsOf(client: number): readonly HfCall[];
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

/** What a rule is, for people and tools: everything the settings, schema, README, SARIF and docs are made from. */
export interface RuleMeta<Code extends RuleCode = RuleCode> {
  code: Code;
  name: string;
  defaultSeverity: Severity;
  /** One line on what is reported, e.g. "an HF call with no working 429 handling" (README, settings, SARIF). */
  summary: string;
  /** The rule's page: its why, flagged and clean examples, and what its fix does. */
  docs: string;
  /** Whether the rule offers a quick fix besides "disable"; true when the rule module has `fixes`. */
  fixable: boolean;
}

export interface Rule<Code extends RuleCode = RuleCode> {
  code: Code;
  meta: RuleMeta<Code>;
  /** Every finding in the model (each subject in turn). */
  check(ctx: RuleContext): Finding[];
  /** The findings about one subject; a rule has the ones for the subjects it reports on. */
  checkCall?(call: HfCall, ctx: SubjectContext): Finding[];
  checkRetry?(retry: RetryConstruct, ctx: SubjectContext): Finding[];
  checkClient?(client: ClientConstruction, index: number, ctx: SubjectContext): Finding[];
  /** The quick fixes of one of this rule's findings (the code lives in ../fixes/; this only picks it). */
  fixes?: (ctx: FixContext, finding: Finding) => Fix[];
}
