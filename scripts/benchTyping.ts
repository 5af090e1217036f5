// `npm run bench:typing -- [baseline checkout]`: bench:lsp's typing sequences replayed in process against the
// Analyzer, with the CPU time of each stage per keystroke (setFile: parse and judge; check: rules; lsp: the LSP form
// and the stdio encoding of the report, with what is held while the statement being typed is broken). CPU time of one process is what a shared, loaded machine inflates least;
// with a baseline checkout (a worktree of another commit, with node_modules) both are run alternately, three times.
import path from "node:path";
import { positionAt } from "../server/src/analysis/text";
import { ROOT } from "../test/support/paths";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

type Module = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function load(root: string, file: string): Promise<Module | undefined> {
  try {
    return (await import(path.join(root, file))) as Module;
  } catch {
    return undefined;
  }
}

async function run(root: string): Promise<string[]> {
  const { Analyzer } = (await load(root, "server/src/analysis/analyzer.ts"))!;
  const { MemoryFileSystem } = (await load(root, "server/src/analysis/fileSystem.ts"))!;
  const convert = (await load(root, "server/src/lsp/convert.ts"))!;
  const encoding = await load(root, "server/src/lsp/encoding.ts");
  const holding = await load(root, "server/src/lsp/heldWhileBroken.ts");
  const { TYPED, TYPED_STRINGS, typingSequence } = (await load(root, "test/support/typing.ts"))!;
  const { hfPython, hfTs, sized } = (await load(root, "test/support/heavyFiles.ts"))!;
  const out: string[] = [];
  for (const [language, file, source] of [
    ["python", "/bench/typing.py", sized(hfPython)],
    ["typescript", "/bench/typing.ts", sized(hfTs)],
  ] as const) {
    const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(root, "node_modules") });
    analyzer.setFile(file, source);
    analyzer.check(file, {}, { fixes: false });
    const forms = convert.LspForms ? new convert.LspForms() : undefined;
    // What the server reports while a statement is broken (a checkout without it reports the analysis as is).
    const held = holding?.HeldWhileBroken ? new holding.HeldWhileBroken() : undefined;
    const call = typingSequence(language, source, 4, TYPED);
    const strings = typingSequence(language, call.keystrokes[call.keystrokes.length - 1].text, 2, TYPED_STRINGS);
    const stages = { total: [] as number[], setFile: [] as number[], check: [] as number[], lsp: [] as number[] };
    const ms = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user + b.system - a.user - a.system) / 1000;
    let version = 2;
    for (const k of [...call.keystrokes, ...strings.keystrokes]) {
      const t0 = process.cpuUsage();
      analyzer.setFile(file, k.text);
      const t1 = process.cpuUsage();
      const diagnostics = analyzer.check(file, {}, { fixes: false }).diagnostics as object[];
      const t2 = process.cpuUsage();
      const uri = `file://${file}`;
      let items = forms?.report
        ? forms.report(diagnostics, version, uri)
        : diagnostics.map((d) => (forms ? forms.of(d, version, uri) : convert.toLsp(d, version, uri)));
      if (held) {
        const broken = (analyzer.brokenStatements(file) as { start: number; end: number }[]).map((s) => ({
          start: positionAt(k.text, s.start),
          end: positionAt(k.text, s.end),
        }));
        items = held.report(uri, k.text, items, broken);
      }
      const message = { jsonrpc: "2.0", id: version++, result: { kind: "full", items } };
      if (encoding?.encodeMessageBytes) encoding.encodeMessageBytes(message);
      else Buffer.from(encoding ? encoding.encodeMessage(message) : JSON.stringify(message), "utf8");
      const t3 = process.cpuUsage();
      stages.total.push(ms(t0, t3));
      stages.setFile.push(ms(t0, t1));
      stages.check.push(ms(t1, t2));
      stages.lsp.push(ms(t2, t3));
    }
    const f = (xs: number[]) => `${pct(xs, 50).toFixed(1)}/${pct(xs, 95).toFixed(1)}`;
    out.push(
      `${language.padEnd(10)} CPU ms per keystroke, median/p95: total ${f(stages.total)}  setFile ${f(stages.setFile)}  check ${f(stages.check)}  lsp ${f(stages.lsp)}`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const baseline = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const { machineLoad } = await import("./realWorkspace");
  console.log(machineLoad());
  for (let round = 0; round < (baseline ? 3 : 1); round++) {
    for (const [name, root] of baseline
      ? [
          ["baseline", baseline],
          ["this tree", ROOT],
        ]
      : [["this tree", ROOT]]) {
      for (const line of await run(root)) console.log(`${name.padEnd(9)} ${line}`);
    }
  }
  console.log(machineLoad());
}

main();
