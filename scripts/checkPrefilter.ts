// Checks the text prefilter over folders of real code (the real workspace, ../shared/realworld-dev): every file
// whose model holds something must pass it; prints how many files it lets through and how many of those hold
// nothing. Exit status 1 when a file that holds something would be skipped.
//
//   node --import tsx scripts/checkPrefilter.ts DIR [DIR...]
import path from "node:path";
import { analysableFiles, checkPrefilter } from "../test/support/prefilterSoundness";

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: checkPrefilter.ts DIR [DIR...]");
  process.exit(2);
}
const wasmDir = path.join(__dirname, "..", "node_modules");

async function main(): Promise<void> {
  let missed = 0;
  for (const dir of dirs) {
    const r = await checkPrefilter(analysableFiles(path.resolve(dir)), wasmDir);
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    console.log(
      `${dir}: ${r.readable} readable files, ${r.live} hold something; the prefilter passes ${r.passed} ` +
        `(${mb(r.bytesPassed)}), ${r.inertPassed} of them inert (${mb(r.bytesInertPassed)}); ${r.missed.length} missed`,
    );
    for (const m of r.missed) console.log(`  MISSED ${m.file}: ${m.holds}`);
    missed += r.missed.length;
  }
  process.exitCode = missed ? 1 : 0;
}
void main();
