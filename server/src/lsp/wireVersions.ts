// The newest version of each document that has arrived on the wire, read as messages come in (before the
// connection's queue hands them to the handlers). A diagnostics pull taken from the queue while newer edits of its
// document wait behind it would analyse a version nobody will look at: in an edit storm that was one full
// analysis of a broken file per pull, and the garbage of those analyses is what raised the server's peak RSS
// (issue 12). Such a pull is answered with the last results instead (see DiagnosticsEngine.compute).
export class WireVersions {
  private readonly latest = new Map<string, number>();

  /** Called by the reader for every message it reads. */
  note(message: { method?: unknown; params?: unknown }): void {
    const method = message.method;
    if (method !== "textDocument/didChange" && method !== "textDocument/didOpen" && method !== "textDocument/didClose")
      return;
    const doc = (message.params as { textDocument?: { uri?: unknown; version?: unknown } } | undefined)?.textDocument;
    if (typeof doc?.uri !== "string") return;
    if (method === "textDocument/didClose") this.latest.delete(doc.uri);
    else if (typeof doc.version === "number") this.latest.set(doc.uri, doc.version);
  }

  /** Whether a version of `uri` newer than `version` has arrived (and so will be applied before long). */
  newer(uri: string, version: number): boolean {
    const latest = this.latest.get(uri);
    return latest !== undefined && latest !== version;
  }
}
