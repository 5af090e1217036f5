#!/usr/bin/env node
// The CLI lives in the esbuild bundle so that `npx hf-rate-guard` starts fast; build it with `npm run build`.
const path = require("path");
const fs = require("fs");
const bundle = path.join(__dirname, "..", "dist", "cli.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("hf-rate-guard: dist/cli.js is missing; run `npm run build` first.\n");
  process.exit(2);
}
require(bundle);
