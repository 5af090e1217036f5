// Custom messages between the VS Code client and the language server (everything else is plain LSP).

/** Server -> client notification after each analysis, for the language status item. */
export const STATUS_NOTIFICATION = "hfRateGuard/status";

export interface StatusParams {
  state: "ready" | "analyzing" | "error";
  /** Milliseconds the last analysis took. */
  lastAnalysisMs?: number;
  /** File of the last analysis (a URI). */
  uri?: string;
  message?: string;
}

/**
 * workspace/executeCommand commands the server handles. Their ids differ from the VS Code commands the client
 * contributes, because the language client registers every server command as a VS Code command itself.
 */
export const COMMANDS = {
  checkWorkspace: "hfRateGuard.server.checkWorkspace",
  fixAll: "hfRateGuard.server.fixAll",
} as const;

/** The code action kind of fix-all, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = "source.fixAll.hfRateGuard";

export const SOURCE = "hf-rate-guard";
