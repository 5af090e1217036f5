// The .vsix that `npm test` packages (as `npm run package` does): at most 3 MB, bundled (no node_modules), with the
// bundles and both wasm files, and the Marketplace metadata vsce needs.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";

/** Entry names from a zip's central directory (the .vsix format), without a zip library. */
function zipEntries(buf: Buffer): string[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, "central directory entry");
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

test("the .vsix is bundled, carries the wasm files, and weighs at most 3 MB", () => {
  const vsix = path.join(ROOT, "dist", "hf-rate-guard.vsix");
  const buf = fs.readFileSync(vsix);
  assert.ok(buf.length <= 3 * 1024 * 1024, `${(buf.length / 1024 / 1024).toFixed(2)} MB`);
  const names = zipEntries(buf);
  for (const file of ["client.js", "server.js", "analyzer.js", "web-tree-sitter.wasm", "tree-sitter-python.wasm"]) {
    assert.ok(names.includes(`extension/dist/${file}`), `${file} in ${names.join(", ")}`);
  }
  for (const file of [
    "package.json",
    "README.md",
    "CHANGELOG.md",
    "LICENSE.txt",
    "images/icon.png",
    "syntaxes/hf-rate-guard.schema.json",
    "docs/rules/HF001.md",
  ]) {
    assert.ok(
      names.some((n) => n.toLowerCase() === `extension/${file}`.toLowerCase()),
      `${file} in the package`,
    );
  }
  assert.ok(
    !names.some(
      (n) => n.includes("node_modules/") || n.includes("/src/") || n.endsWith(".map") || n.endsWith("cli.js"),
    ),
    "only bundles travel",
  );
});

test("package.json carries the Marketplace metadata", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  for (const key of [
    "publisher",
    "displayName",
    "description",
    "categories",
    "keywords",
    "icon",
    "repository",
    "license",
    "engines",
  ])
    assert.ok(pkg[key], key);
  assert.ok(pkg.engines.vscode);
  assert.equal(pkg.main, "./dist/client.js");
  assert.deepEqual(Object.keys(pkg.bin).sort(), ["hf-rate-guard", "hf-rate-guard-ls"]);
});
