#!/usr/bin/env node
// The language server for any LSP client: `hf-rate-guard-ls --stdio`.
const path = require("path");
const fs = require("fs");
const bundle = path.join(__dirname, "..", "dist", "server.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("hf-rate-guard-ls: dist/server.js is missing; run `npm run build` first.\n");
  process.exit(2);
}
require(bundle);
