// Bundle entry of the CLI (dist/cliMain.js, which dist/cli.js loads: see start.ts): runs the command and sets the
// exit status.
import { main } from "./main";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`hf-rate-guard: internal error: ${err.stack ?? err.message}\n`);
    process.exitCode = 2;
  },
);
