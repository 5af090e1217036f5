// One build script for every bundle: the VS Code client, the language server and the CLI.
// web-tree-sitter is aliased to its CommonJS file: its ESM build relies on import.meta.url, which is empty
// in a CJS bundle, and the server would die at start without a warning at build time.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
// HFRG_DIST lets parallel work (and tests of the build itself) write bundles to a private folder.
const dist = process.env.HFRG_DIST ? path.resolve(process.env.HFRG_DIST) : path.join(root, "dist");
const production = process.argv.includes("--production");
mkdirSync(dist, { recursive: true });

const wtsDir = path.join(root, "node_modules", "web-tree-sitter");
const pkg = JSON.parse((await import("node:fs")).readFileSync(path.join(root, "package.json"), "utf8"));
const common = {
  define: { HFRG_VERSION: JSON.stringify(pkg.version), HFRG_BUILD_ID: JSON.stringify(buildId()) },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  alias: { "web-tree-sitter": path.join(wtsDir, "web-tree-sitter.cjs") },
};

/**
 * Keeps the server's lazy `import("../analysis/analyzer.js")` out of its bundle: the import resolves to a stub that
 * requires dist/analyzer.js at run time (a require, so the CommonJS exports arrive as named exports).
 */
const analyzerApart = {
  name: "analyzer-apart",
  setup(b) {
    b.onResolve({ filter: /\/analysis\/analyzer(\.js)?$/ }, (args) =>
      args.kind === "dynamic-import" ? { path: "analyzer", namespace: "analyzer-apart" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "analyzer-apart" }, () => ({
      contents: 'module.exports = require("./analyzer.js");',
      loader: "js",
    }));
    b.onResolve({ filter: /^\.\/analyzer\.js$/ }, () => ({ path: "./analyzer.js", external: true }));
  },
};

const entries = [
  { in: "client/src/extension.ts", out: "client.js", external: ["vscode"] },
  // The server answers `initialize` from a small bundle and loads the analyzer (TypeScript's parser, tree-sitter)
  // from its own bundle afterwards: node then parses 4 MB of JavaScript after the editor is already talking.
  { in: "server/src/lsp/main.ts", out: "server.js", plugins: [analyzerApart] },
  { in: "server/src/analysis/analyzer.ts", out: "analyzer.js" },
  // The CLI's bundles are always minified: node holds a script's source, and what compiling it left in malloc's
  // heap, for the whole run, in every thread that loads it (measured on a scan: 10.7 MB unminified costs about 25 MB
  // more RSS than 4 MB minified; esbuild's keepNames would give back half of it). The source map next to the bundle
  // still maps a stack trace (`node --enable-source-maps`).
  { in: "server/src/cli/run.ts", out: "cliMain.js", compact: true },
  // What `hf-rate-guard` runs: a few KB that load cliMain.js through V8's code cache (server/src/node/codeCache.ts).
  { in: "server/src/cli/start.ts", out: "cli.js", compact: true },
  // The scan worker: the Python frontend alone, without TypeScript's compiler, which it loads from jsFrontend.js
  // only when it is given JS/TS files (cli/parallel.ts, cli/scanWorker.ts).
  { in: "server/src/cli/scanWorker.ts", out: "scanWorker.js", compact: true },
  { in: "server/src/analysis/js/index.ts", out: "jsFrontend.js", compact: true },
];
await Promise.all(
  entries
    .filter((e) => {
      try {
        require.resolve(path.join(root, e.in));
        return true;
      } catch {
        return false;
      }
    })
    .map((e) =>
      build({
        ...common,
        entryPoints: [path.join(root, e.in)],
        outfile: path.join(dist, e.out),
        external: e.external ?? [],
        ...(e.compact ? { minify: true } : {}),
        plugins: e.plugins ?? [],
      }),
    ),
);

// The parsers' wasm files travel next to the bundles; the core locates them relative to its own file.
copyFileSync(path.join(wtsDir, "web-tree-sitter.wasm"), path.join(dist, "web-tree-sitter.wasm"));
copyFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), path.join(dist, "tree-sitter-python.wasm"));

/**
 * A hash of everything that shapes an analysis result (the core's sources and the locked parser versions): the
 * CLI's cache drops results from any other build, so a change to a rule can never be hidden by a stale cache.
 */
function buildId() {
  const hash = createHash("sha256");
  const add = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) add(full);
      else {
        hash.update(path.relative(root, full));
        hash.update(readFileSync(full));
      }
    }
  };
  add(path.join(root, "server", "src"));
  add(path.join(root, "shared", "src"));
  hash.update(readFileSync(path.join(root, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}
