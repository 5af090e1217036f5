// Bundle entry of dist/cli.js, the file `hf-rate-guard` runs: a few KB that load the CLI itself (dist/cliMain.js,
// from run.ts) through V8's code cache (node/codeCache.ts), so a run does not compile 4 MB of JavaScript first.
import * as path from "node:path";
import { requireCached } from "../node/codeCache";
import { restoreDefaultHeapFlags } from "./heapGrowth";

requireCached(path.join(__dirname, "cliMain.js"), { restoreFlags: restoreDefaultHeapFlags });
