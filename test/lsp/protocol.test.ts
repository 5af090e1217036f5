// The real server over stdio (issue 4, protocol tests).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { LspClient } from "../support/lsp";
import { tempDir } from "../support/tempDir";

const BARE = `from huggingface_hub import InferenceClient
client = InferenceClient()
client.chat_completion(messages=[])
`;

function tmpWorkspace(files: Record<string, string>): { dir: string; uri: (rel: string) => string } {
  const dir = tempDir("hfrg-lsp-");
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, uri: (rel) => pathToFileURL(path.join(dir, rel)).toString() };
}

test("initialize is answered with the capabilities an editor needs", async () => {
  const c = new LspClient();
  try {
    const result = (await c.initialize({ pull: true })) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.diagnosticProvider);
    assert.deepEqual((result.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      "quickfix",
      "source.fixAll.hfRateGuard",
    ]);
    assert.equal((result.capabilities.textDocumentSync as { change: number }).change, 2, "incremental sync");
    assert.ok(result.capabilities.notebookDocumentSync);
  } finally {
    await c.close();
  }
});

test("push: diagnostics are published for clients without pull support, with source, code and docs link", async () => {
  const c = new LspClient();
  try {
    await c.initialize({ pull: false });
    c.open("file:///tmp/hfrg-push/app.py", BARE);
    const p = await c.waitFor(() => c.published.get("file:///tmp/hfrg-push/app.py"), "published diagnostics");
    assert.equal(p.version, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start.line, d.source]),
      [["HF001", 2, "hf-rate-guard"]],
    );
    assert.match(
      (p.diagnostics[0] as { codeDescription?: { href: string } }).codeDescription!.href,
      /docs\/rules\/HF001\.md$/,
    );
  } finally {
    await c.close();
  }
});

test("pull: diagnostics follow incremental changes, and close clears pushed state", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-pull/app.py";
  try {
    await c.initialize({ pull: true });
    c.open(uri, BARE);
    assert.deepEqual(
      (await c.pull(uri)).items.map((d) => d.code),
      ["HF001"],
    );
    // Suppress it with an incremental edit at the end of line 3.
    c.change(uri, 2, [
      {
        range: { start: { line: 2, character: 35 }, end: { line: 2, character: 35 } },
        text: "  # hf-rate-guard: ignore[HF001]",
      },
    ]);
    assert.deepEqual((await c.pull(uri)).items, []);
    c.change(uri, 3, [{ range: { start: { line: 2, character: 35 }, end: { line: 2, character: 67 } }, text: "" }]);
    assert.deepEqual(
      (await c.pull(uri)).items.map((d) => d.code),
      ["HF001"],
    );
    await c.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    assert.equal(c.published.size, 0, "pull clients get no pushed diagnostics");
  } finally {
    await c.close();
  }
});

test("code actions carry edits; the preferred fix and fix-all remove the problem", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-actions/app.py";
  try {
    await c.initialize({ pull: true });
    c.open(uri, BARE);
    const [diag] = (await c.pull(uri)).items;
    const actions = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as {
      title: string;
      kind: string;
      isPreferred?: boolean;
      edit: { documentChanges: { edits: { range: unknown; newText: string }[] }[] };
    }[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "HF001: Retry with backoff that honours Retry-After",
        "Disable HF001 for this line",
        "Disable HF001 for this file",
      ],
    );
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    const fixAll = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.hfRateGuard"] },
    })) as {
      kind: string;
      edit: {
        documentChanges: {
          textDocument: { version: number };
          edits: {
            range: { start: { line: number; character: number }; end: { line: number; character: number } };
            newText: string;
          }[];
        }[];
      };
    }[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, "source.fixAll.hfRateGuard");
    assert.equal(fixAll[0].edit.documentChanges[0].edits.length, 1, "one minimal edit");
    const edit = fixAll[0].edit.documentChanges[0].edits[0];
    c.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    assert.deepEqual((await c.pull(uri)).items, []);
    // A code action request for diagnostics of an older version gets nothing.
    const stale = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as unknown[];
    assert.deepEqual(stale, []);
  } finally {
    await c.close();
  }
});

test("settings are pulled per resource and a change applies without restarting", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-settings/app.py";
  try {
    await c.initialize({ pull: true });
    c.open(uri, BARE);
    assert.deepEqual(
      (await c.pull(uri)).items.map((d) => d.code),
      ["HF001"],
    );
    c.settings = { rules: { HF001: "error" }, billTo: "acme" };
    const before = c.refreshRequests;
    await c.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await c.waitFor(() => c.refreshRequests > before, "a diagnostics refresh");
    const items = (await c.pull(uri)).items;
    assert.deepEqual(items.map((d) => [d.code, d.severity]).sort(), [
      ["HF001", 1],
      ["HF003", 2],
    ]);
    c.settings = { enable: false };
    await c.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    assert.deepEqual((await c.pull(uri)).items, []);
  } finally {
    await c.close();
  }
});

test("a config file change refreshes diagnostics; cross-file evidence comes from the indexed workspace", async () => {
  const ws = tmpWorkspace({
    "app.py": BARE,
    "team.py": "from huggingface_hub import InferenceClient\nteam = InferenceClient(bill_to='acme')\n",
  });
  const c = new LspClient();
  try {
    await c.initialize({ pull: false, folders: [pathToFileURL(ws.dir).toString()] });
    c.open(ws.uri("app.py"), BARE);
    const first = await c.waitFor(() => {
      const p = c.published.get(ws.uri("app.py"));
      return p && p.diagnostics.some((d) => d.code === "HF003") ? p : undefined;
    }, "HF003 from the sibling file's bill-to");
    assert.match(first.diagnostics.find((d) => d.code === "HF003")!.message, /team\.py bills "acme"/);
    fs.writeFileSync(path.join(ws.dir, ".hf-rate-guard.json"), JSON.stringify({ rules: { HF003: "off" } }));
    await c.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: ws.uri(".hf-rate-guard.json"), type: 1 }],
    });
    await c.waitFor(
      () => !c.published.get(ws.uri("app.py"))!.diagnostics.some((d) => d.code === "HF003"),
      "HF003 switched off by the new config",
    );
  } finally {
    await c.close();
  }
});

test("multi-root: per-folder settings, nearest config, bill-to evidence per folder, and Check Workspace alike", async () => {
  // Folder "team" bills acme in team.py; folder "solo" raises HF001 to error through its folder settings and has a
  // nested sub-project whose own config bills another org.
  const ws = tmpWorkspace({
    "team/app.py": BARE,
    "team/team.py": "from huggingface_hub import InferenceClient\nteam = InferenceClient(bill_to='acme')\n",
    "team/.hf-rate-guard.json": JSON.stringify({ rules: { HF007: "off" } }),
    "team/closed.py": BARE,
    "solo/app.py": BARE,
    "solo/closed.py": BARE,
    "solo/sub/app.py": BARE,
    "solo/sub/.hf-rate-guard.json": JSON.stringify({ billTo: "solo-org" }),
  });
  const team = pathToFileURL(path.join(ws.dir, "team")).toString();
  const solo = pathToFileURL(path.join(ws.dir, "solo")).toString();
  const c = new LspClient();
  c.folderSettings.set(solo, { rules: { HF001: "error" } });
  try {
    await c.initialize({ pull: true, folders: [team, solo] });
    for (const rel of ["team/app.py", "solo/app.py", "solo/sub/app.py"]) c.open(ws.uri(rel), BARE);
    const codes = async (rel: string) => (await c.pull(ws.uri(rel))).items.map((d) => `${d.code}:${d.severity}`).sort();
    await c.waitFor(
      async () => (await codes("team/app.py")).includes("HF003:2"),
      "HF003 in team from team.py's bill-to",
    );
    assert.deepEqual(await codes("team/app.py"), ["HF001:2", "HF003:2"]);
    assert.deepEqual(
      await codes("solo/app.py"),
      ["HF001:1"],
      "solo's folder settings make HF001 an error; team's bill-to does not cross folders",
    );
    assert.deepEqual(
      await codes("solo/sub/app.py"),
      ["HF001:1", "HF003:2"],
      "the nearest config (solo/sub) bills solo-org",
    );
    assert.match((await c.pull(ws.uri("solo/sub/app.py"))).items.find((d) => d.code === "HF003")!.message, /solo-org/);
    assert.ok(
      c.configurationScopes.some((s) => s?.startsWith(solo)),
      "settings are asked per resource",
    );

    // Check Workspace publishes the files that are not open with the same per-folder settings; the open ones are
    // the pulls' alone (one owner per file: nothing doubled).
    const result = (await c.connection.sendRequest("workspace/executeCommand", {
      command: "hfRateGuard.server.checkWorkspace",
      arguments: [],
    })) as { files: number; problems: number };
    const published = (rel: string) =>
      c.published
        .get(ws.uri(rel))
        ?.diagnostics.map((d) => `${d.code}:${d.severity}`)
        .sort();
    await c.waitFor(() => published("solo/closed.py"), "closed files pushed");
    assert.deepEqual(published("team/closed.py"), ["HF001:2", "HF003:2"]);
    assert.deepEqual(published("team/team.py"), undefined, "nothing to say about a clean file");
    assert.deepEqual(published("solo/closed.py"), ["HF001:1"]);
    for (const open of ["team/app.py", "solo/app.py", "solo/sub/app.py"])
      assert.equal(published(open), undefined, `${open} is open: its problems are pulled`);
    assert.deepEqual(result, { files: 6, problems: 2 + 1 + 2 + 2 + 1 }, "every file counted once");
  } finally {
    await c.close();
  }
});

test("multi-root: a folder added later is indexed and checked, a removed one is dropped", async () => {
  const ws = tmpWorkspace({ "a/app.py": BARE, "b/app.py": BARE, "b/other.py": BARE });
  const a = pathToFileURL(path.join(ws.dir, "a")).toString();
  const b = pathToFileURL(path.join(ws.dir, "b")).toString();
  const c = new LspClient();
  const check = () =>
    c.connection.sendRequest("workspace/executeCommand", {
      command: "hfRateGuard.server.checkWorkspace",
      arguments: [],
    }) as Promise<{ files: number }>;
  try {
    await c.initialize({ pull: true, folders: [a] });
    assert.equal((await check()).files, 1);
    assert.equal(c.published.get(ws.uri("b/app.py")), undefined);

    c.folders = [...c.folders!, { uri: b, name: "b" }];
    await c.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [{ uri: b, name: "b" }], removed: [] },
    });
    await c.waitFor(async () => (await check()).files === 3, "b's files in Check Workspace");
    assert.deepEqual(
      c.published.get(ws.uri("b/other.py"))?.diagnostics.map((d) => d.code),
      ["HF001"],
    );

    c.folders = c.folders.filter((f) => f.uri !== a);
    await c.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [], removed: [{ uri: a, name: "a" }] },
    });
    await c.waitFor(async () => (await check()).files === 2, "a dropped from Check Workspace");
  } finally {
    await c.close();
  }
});

test("notebooks: Python cells get their own diagnostics", async () => {
  const c = new LspClient();
  const nb = "file:///tmp/hfrg-nb/demo.ipynb";
  const cell = (i: number) => `vscode-notebook-cell:/tmp/hfrg-nb/demo.ipynb#cell${i}`;
  try {
    await c.initialize({ pull: false });
    await c.connection.sendNotification("notebookDocument/didOpen", {
      notebookDocument: {
        uri: nb,
        notebookType: "jupyter-notebook",
        version: 1,
        cells: [
          { kind: 2, document: cell(0) },
          { kind: 1, document: cell(1) },
          { kind: 2, document: cell(2) },
        ],
      },
      cellTextDocuments: [
        {
          uri: cell(0),
          languageId: "python",
          version: 1,
          text: "from huggingface_hub import InferenceClient\nclient = InferenceClient()\n",
        },
        { uri: cell(1), languageId: "markdown", version: 1, text: "# Notes" },
        { uri: cell(2), languageId: "python", version: 1, text: "print('hi')\nclient.text_generation('x')\n" },
      ],
    });
    const p = await c.waitFor(
      () => (c.published.get(cell(2))?.diagnostics.length ? c.published.get(cell(2)) : undefined),
      "cell diagnostics",
    );
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start.line]),
      [["HF001", 1]],
    );
    // Quick fixes for a cell edit that cell, in its own lines.
    const [diag] = p.diagnostics;
    const actions = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: cell(2) },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as {
      title: string;
      edit: {
        documentChanges: {
          textDocument: { uri: string };
          edits: { range: { start: { line: number } }; newText: string }[];
        }[];
      };
    }[];
    const line = actions.find((a) => a.title === "Disable HF001 for this line");
    assert.ok(line, actions.map((a) => a.title).join(", "));
    assert.equal(line.edit.documentChanges[0].textDocument.uri, cell(2));
    assert.deepEqual(
      line.edit.documentChanges[0].edits.map((e) => e.range.start.line),
      [1],
    );
    assert.ok(
      actions.some((a) => a.title.startsWith("HF001:")),
      "the backoff fix is offered in the cell too",
    );
  } finally {
    await c.close();
  }
});

test("malformed and unknown requests get errors, cancellation is honoured, and the server lives on", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-bad/app.py";
  try {
    await c.initialize({ pull: true });
    await assert.rejects(c.connection.sendRequest("textDocument/codeAction", { nonsense: true }));
    await assert.rejects(c.connection.sendRequest("hfRateGuard/doesNotExist", {}));
    // Garbage bytes on the wire, then a well-formed message.
    c.proc.stdin.write("Content-Length: 12\r\n\r\n{not json!!}");
    c.open(uri, BARE);
    assert.deepEqual(
      (await c.pull(uri)).items.map((d) => d.code),
      ["HF001"],
    );
    const { CancellationTokenSource } = await import("vscode-jsonrpc/node");
    const source = new CancellationTokenSource();
    const pending = c.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } }, source.token);
    source.cancel();
    await pending.catch(() => undefined);
    assert.deepEqual(
      (await c.pull(uri)).items.map((d) => d.code),
      ["HF001"],
      "still answering after a cancelled request",
    );
  } finally {
    await c.close();
  }
});

test("edit storm: 1,000 rapid changes, then the final diagnostics match the final text", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-storm/app.py";
  try {
    await c.initialize({ pull: false });
    c.open(uri, "from huggingface_hub import InferenceClient\nclient = InferenceClient()\n");
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      version++;
      // Type and delete on the last line; every 2nd keystroke leaves a call in place.
      const text = i % 2 === 0 ? "client.chat_completion(messages=[])\n" : "";
      c.change(uri, version, [
        { text: `from huggingface_hub import InferenceClient\nclient = InferenceClient()\n${text}x${i} = 1\n` },
      ]);
    }
    // The final text (i = 999) has no call: nothing must be left.
    const final = await c.waitFor(() => {
      const p = c.published.get(uri);
      return p && p.version === version ? p : undefined;
    }, "diagnostics for the final version");
    assert.deepEqual(final.diagnostics, []);
    version++;
    c.change(uri, version, [{ text: BARE }]);
    const after = await c.waitFor(
      () => (c.published.get(uri)?.version === version ? c.published.get(uri) : undefined),
      "diagnostics after the storm",
    );
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ["HF001"],
    );
  } finally {
    await c.close();
  }
});

type WorkspaceReport = {
  items: {
    uri: string;
    kind: string;
    resultId: string;
    items: {
      code: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
  }[];
};

test("workspace diagnostics: closed files' problems without opening them, open files left to their pulls, only changes sent", async () => {
  const ws = tmpWorkspace({ "a.py": BARE, "b.py": BARE, "clean.py": "print('hi')\n" });
  const c = new LspClient();
  try {
    const init = (await c.initialize({ pull: true, folders: [pathToFileURL(ws.dir).toString()] })) as {
      capabilities: { diagnosticProvider: { workspaceDiagnostics: boolean } };
    };
    assert.equal(init.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    const pullWorkspace = (previous: { uri: string; value: string }[]) =>
      c.connection.sendRequest("workspace/diagnostic", { previousResultIds: previous }) as Promise<WorkspaceReport>;
    const first = await pullWorkspace([]);
    const byUri = new Map(first.items.map((i) => [i.uri, i]));
    assert.deepEqual(
      byUri.get(ws.uri("a.py"))?.items.map((d) => d.code),
      ["HF001"],
    );
    assert.deepEqual(
      byUri.get(ws.uri("b.py"))?.items.map((d) => d.code),
      ["HF001"],
    );
    assert.deepEqual(byUri.get(ws.uri("clean.py"))?.items, []);
    assert.equal(c.published.size, 0, "a client that pulls the workspace gets nothing pushed");

    // With the client's result ids, a pull waits until something changes, then sends only what changed: a.py is
    // opened (its pull owns it now) and b.py is fixed on disk.
    const ids = first.items.map((i) => ({ uri: i.uri, value: i.resultId }));
    const next = pullWorkspace(ids);
    c.open(ws.uri("a.py"), BARE);
    fs.writeFileSync(
      path.join(ws.dir, "b.py"),
      BARE.replace(
        "client.chat_completion(messages=[])",
        "client.chat_completion(messages=[])  # hf-rate-guard: ignore",
      ),
    );
    await c.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: ws.uri("b.py"), type: 2 }],
    });
    const second = await next;
    assert.deepEqual(
      second.items.map((i) => [path.basename(i.uri), i.items.length]),
      [["b.py", 0]],
      "only b.py, now clean; a.py is open and clean.py unchanged",
    );
    assert.deepEqual(
      (await c.pull(ws.uri("a.py"))).items.map((d) => d.code),
      ["HF001"],
    );

    // Closing a.py gives it back to the workspace report (the client forgets its workspace result id on close).
    const third = pullWorkspace(
      ids
        .filter((i) => i.uri !== ws.uri("a.py"))
        .map((i) => (i.uri === ws.uri("b.py") ? { uri: i.uri, value: second.items[0].resultId } : i)),
    );
    await c.connection.sendNotification("textDocument/didClose", { textDocument: { uri: ws.uri("a.py") } });
    assert.deepEqual(
      (await third).items.map((i) => [path.basename(i.uri), i.items.map((d) => d.code)]),
      [["a.py", ["HF001"]]],
    );
  } finally {
    await c.close();
  }
});

test("workspace diagnostics: diagnosticMode openFilesOnly reports no closed file until Check Workspace asks", async () => {
  const ws = tmpWorkspace({ "a.py": BARE });
  const c = new LspClient();
  c.settings = { diagnosticMode: "openFilesOnly" };
  try {
    await c.initialize({ pull: true, folders: [pathToFileURL(ws.dir).toString()] });
    const pending = c.connection.sendRequest("workspace/diagnostic", {
      previousResultIds: [],
    }) as Promise<WorkspaceReport>;
    const check = (await c.connection.sendRequest("workspace/executeCommand", {
      command: "hfRateGuard.server.checkWorkspace",
      arguments: [],
    })) as { problems: number };
    assert.equal(check.problems, 1);
    const report = await pending;
    assert.deepEqual(
      report.items.map((i) => [path.basename(i.uri), i.items.map((d) => d.code)]),
      [["a.py", ["HF001"]]],
      "held until Check Workspace, then a.py",
    );
  } finally {
    await c.close();
  }
});

test("push clients get closed files' problems from the index at start, and an opened file's from its document only", async () => {
  const ws = tmpWorkspace({ "a.py": BARE, "b.py": BARE });
  const c = new LspClient();
  try {
    await c.initialize({ pull: false, folders: [pathToFileURL(ws.dir).toString()] });
    await c.waitFor(
      () => c.published.get(ws.uri("a.py")) && c.published.get(ws.uri("b.py")),
      "both files pushed without opening them",
    );
    assert.deepEqual(
      c.published.get(ws.uri("b.py"))!.diagnostics.map((d) => d.code),
      ["HF001"],
    );
    // Open a.py, fix it in the buffer: its pushed problems follow the buffer, nothing stale is left.
    c.open(ws.uri("a.py"), BARE);
    c.change(ws.uri("a.py"), 2, [{ text: BARE.replace("messages=[])", "messages=[])  # hf-rate-guard: ignore") }]);
    await c.waitFor(() => c.published.get(ws.uri("a.py"))?.version === 2, "a.py's diagnostics for version 2");
    assert.deepEqual(c.published.get(ws.uri("a.py"))!.diagnostics, []);
    const check = (await c.connection.sendRequest("workspace/executeCommand", {
      command: "hfRateGuard.server.checkWorkspace",
      arguments: [],
    })) as { problems: number };
    assert.equal(check.problems, 1, "b.py only");
    await c.waitFor(
      () => c.published.get(ws.uri("a.py"))?.diagnostics.length === 0 && c.published.get(ws.uri("a.py")),
      "a.py still clean after Check Workspace",
    );
  } finally {
    await c.close();
  }
});

test("a finding on a call underlines the callee, and relatedInformation points to what explains it", async () => {
  const text = `import requests
from huggingface_hub import InferenceClient
from tenacity import retry, stop_after_attempt

client = InferenceClient(provider="together")


@retry(stop=stop_after_attempt(3))
def ask():
    return requests.post(
        "https://router.huggingface.co/v1/chat/completions",
        json={"model": "m", "messages": []},
    )


def summarize(text):
    return client.summarization(text)
`;
  const ws = tmpWorkspace({
    "app.py": text,
    "team.py": "from huggingface_hub import InferenceClient\nteam = InferenceClient(bill_to='acme')\n",
  });
  const c = new LspClient();
  type Item = {
    code: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    relatedInformation?: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
  };
  try {
    await c.initialize({ pull: true, folders: [pathToFileURL(ws.dir).toString()] });
    c.open(ws.uri("app.py"), text);
    const items = await c.waitFor(async () => {
      const got = (await c.pull(ws.uri("app.py"))).items as unknown as Item[];
      return got.some((d) => d.code === "HF003") ? got : undefined;
    }, "HF003 from team.py's bill-to");
    const at = (code: string, line: number) => items.find((d) => d.code === code && d.range.start.line === line)!;
    // The decorator that never fires explains the HF001 on the call it wraps.
    const post = at("HF001", 9);
    assert.deepEqual(
      post.range,
      { start: { line: 9, character: 11 }, end: { line: 9, character: 24 } },
      "requests.post, not its arguments",
    );
    assert.equal(post.relatedInformation?.[0].location.range.start.line, 7, "the @retry decorator");
    assert.match(post.relatedInformation?.[0].message ?? "", /tenacity retry does not protect the call/);
    // HF003 on the client: the class underlined; related are the calls that bill through it and where acme is billed.
    const client = at("HF003", 4);
    assert.deepEqual(
      client.range,
      { start: { line: 4, character: 9 }, end: { line: 4, character: 24 } },
      "InferenceClient, not its arguments",
    );
    assert.deepEqual(
      client.relatedInformation?.map((r) => [path.basename(r.location.uri), r.location.range.start.line]),
      [
        ["app.py", 16],
        ["team.py", 1],
      ],
    );
  } finally {
    await c.close();
  }
});

test("hover on an HF call's callee explains surface, billing and 429 protection with rule links; elsewhere nothing", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-hover/app.py";
  try {
    const init = (await c.initialize({ pull: true })) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(init.capabilities.hoverProvider, true);
    c.open(uri, BARE);
    const hover = (await c.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 10 },
    })) as { contents: { kind: string; value: string }; range: unknown };
    assert.equal(hover.contents.kind, "markdown");
    assert.match(hover.contents.value, /`client\.chat_completion`/);
    assert.match(hover.contents.value, /\*\*Surface:\*\* Inference Providers/);
    assert.match(hover.contents.value, /\*\*Billing:\*\* Billed from HF credits to your personal account/);
    assert.match(hover.contents.value, /\*\*429:\*\* Not protected/);
    assert.match(hover.contents.value, /\[HF001\]\(https:\/\/\S+\/docs\/rules\/HF001\.md\)/);
    assert.deepEqual(hover.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 22 } });
    assert.equal(
      await c.connection.sendRequest("textDocument/hover", {
        textDocument: { uri },
        position: { line: 0, character: 3 },
      }),
      null,
    );
  } finally {
    await c.close();
  }
});
