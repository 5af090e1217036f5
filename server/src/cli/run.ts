// Bundle entry of the CLI (dist/cli.js): runs the command and sets the exit status, or, in a worker thread of a
// scan, analyses the files it is given (see parallel.ts).
import { main } from "./main";
import { isScanWorker, workerMain } from "./parallel";

if (isScanWorker()) void workerMain();
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`hf-rate-guard: internal error: ${err.stack ?? err.message}\n`);
      process.exitCode = 2;
    },
  );
