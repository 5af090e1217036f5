// `npm run fuzz`: the fuzz test of `npm test`, longer and with a random seed. Prints the seed first and every
// failure as a replayable `--seed S --case N`; exits 1 when anything failed.
//   npm run fuzz                         20,000 cases and a CLI run of 1,000 files, random seed
//   npm run fuzz -- --seed S --count N   a given seed and size
//   npm run fuzz -- --seed S --case N    one case: its properties, and its input written to a temporary file
import fs from "node:fs";
import os from "node:os";
import { checkCase, fuzz, fuzzCli, makeCase, type Failure } from "../test/fuzz/fuzzer";
import { Analyzer } from "../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../server/src/analysis/fileSystem";
import path from "node:path";

function option(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

function report(f: Failure): void {
  process.stdout.write(
    `FAIL seed=${f.seed} case=${f.index} ${f.name}: ${f.property}\n  ${f.detail.split("\n").slice(0, 6).join("\n  ")}\n  replay: npm run fuzz -- --seed ${f.seed} --case ${f.index}\n`,
  );
}

async function main(): Promise<number> {
  const seed = option("seed") ?? Math.floor(Math.random() * 2 ** 31);
  const one = option("case");
  if (one !== undefined) {
    const c = makeCase(seed, one);
    // Outside the repository: a mutant in the tree would be linted and type-checked with the project.
    const file = path.join(os.tmpdir(), `hf-rate-guard-fuzz-${seed}-${one}${path.extname(c.name)}`);
    fs.writeFileSync(file, c.text);
    const analyzer = await Analyzer.create({
      fs: new MemoryFileSystem({}),
      wasmDir: path.join(__dirname, "..", "node_modules"),
      incremental: false,
    });
    const failures = checkCase(analyzer, c);
    process.stdout.write(`seed=${seed} case=${one} ${c.name} (${c.text.length} characters, written to ${file})\n`);
    for (const f of failures) process.stdout.write(`FAIL ${f.property}\n  ${f.detail}\n`);
    if (!failures.length) process.stdout.write("all properties hold\n");
    return failures.length ? 1 : 0;
  }
  const count = option("count") ?? 20_000;
  process.stdout.write(
    `fuzz: seed=${seed}, ${count} cases (replay with: npm run fuzz -- --seed ${seed} --count ${count})\n`,
  );
  const started = Date.now();
  const run = await fuzz(seed, count, 0, report);
  const cli = await fuzzCli(seed, Math.min(1000, count));
  for (const f of cli.failures) report(f);
  const failed = run.failures.length + cli.failures.length;
  process.stdout.write(
    `fuzz: seed=${seed}: ${run.cases} cases, CLI --fix over ${Math.min(1000, count)} files (${cli.written} fixed), ${run.excused} excused as known issues, ${failed} failure(s), ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    process.stderr.write(`fuzz: ${err.stack ?? err.message}\n`);
    process.exitCode = 2;
  },
);
