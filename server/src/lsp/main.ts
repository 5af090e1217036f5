// Entry of the language server bundle (dist/server.js): `--stdio` for any editor, node IPC for VS Code.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must never take the server (and every squiggle) down with it.
process.on("uncaughtException", (err) => connection.console.error(`uncaught: ${err.stack ?? err.message}`));
process.on("unhandledRejection", (err) => connection.console.error(`unhandled rejection: ${String(err)}`));
startServer(connection, __dirname);
