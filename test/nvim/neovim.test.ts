// A real editor other than VS Code: headless Neovim 0.7 (Debian's) receives pushed diagnostics from the server
// and applies the preferred quick fix through a code action.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT, SERVER } from "../support/paths";
import { tempDir } from "../support/tempDir";

const exec = promisify(execFile);

test("Neovim gets HF001 pushed for a Python file and fixes it with the server's code action", async () => {
  const dir = tempDir("hfrg-nvim-");
  const file = path.join(dir, "app.py");
  fs.writeFileSync(
    file,
    "from huggingface_hub import InferenceClient\n\nclient = InferenceClient()\nclient.text_generation('hi')\n",
  );
  const resultPath = path.join(dir, "result.json");
  const env = {
    ...process.env,
    HFRG_SERVER: SERVER,
    HFRG_FILE: file,
    HFRG_RESULT: resultPath,
    XDG_CONFIG_HOME: path.join(dir, "config"),
    XDG_DATA_HOME: path.join(dir, "data"),
    XDG_STATE_HOME: path.join(dir, "state"),
    XDG_CACHE_HOME: path.join(dir, "cache"),
  };
  await exec(
    "nvim",
    ["--headless", "--clean", "-n", "-u", "NONE", "-c", `luafile ${path.join(ROOT, "test", "nvim", "lspClient.lua")}`],
    { env, timeout: 60_000 },
  );
  const result = JSON.parse(fs.readFileSync(resultPath, "utf8"));
  assert.deepEqual(
    result.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]),
    [["HF001", 3]],
  );
  assert.equal(result.applied, true);
  assert.match(result.title, /^HF001/);
  const fixed = fs.readFileSync(file, "utf8");
  assert.match(fixed, /_hf_retry\(lambda: client\.text_generation\('hi'\)\)/);
  assert.ok(!result.after.includes("HF001"), JSON.stringify(result.after));
});
