// Entry of the language server bundle (dist/server.js): `--stdio` for any editor, node IPC for VS Code.
import { format } from "node:util";
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from "vscode-languageserver/node";
import { startServer } from "./server";
import { version } from "../node/buildInfo";
import { HeapGovernor } from "./memory";
import { FramedStreamReader, GuardedReader } from "./transport";
import { WireVersions } from "./wireVersions";
import { jsonEncoder } from "./encoding";

const stdio = process.argv.includes("--stdio");
let inner: MessageReader;
let writer: MessageWriter;
if (stdio) {
  inner = new FramedStreamReader(process.stdin);
  writer = new StreamMessageWriter(process.stdout, { charset: "utf-8", contentTypeEncoder: jsonEncoder });
} else {
  inner = new IPCMessageReader(process);
  writer = new IPCMessageWriter(process);
}
// Before the connection exists, guard messages are kept and written to stderr (never stdout: it is the protocol).
let log: (message: string) => void = (message) => void process.stderr.write(`${message}\n`);
const heap = new HeapGovernor();
// After each answer is written (not merely handed to the writer): the governor's idle-time collection (memory.ts).
const write = writer.write.bind(writer);
writer.write = async (message) => {
  await write(message);
  if ("id" in message && !("method" in message)) setImmediate(() => heap.idle());
};
const versions = new WireVersions();
const reader = new GuardedReader(inner, writer, (message) => log(message), versions);
// The heap is checked as each message is taken from the connection's queue: between the analyses a storm causes.
const connection = createConnection(ProposedFeatures.all, reader, writer, {
  messageStrategy: {
    handleMessage: (message, next) => {
      const collections = heap.collections;
      heap.check();
      if (heap.collections !== collections)
        connection.console.info(`heap collected after a burst of work: ${heap.liveMb()} MB kept`);
      const method = (message as { method?: string }).method;
      if (method === "initialize" || method === "shutdown")
        connection.console.info(
          `${method} (hf-rate-guard server ${version()}, node ${process.version}, ${stdio ? "stdio" : "node IPC"})`,
        );
      return next(message);
    },
  },
});
log = (message) => connection.console.warn(`transport: ${message}`);
if (stdio) {
  // What vscode-languageserver does for its own stdio streams, which a reader of ours replaces: exit when the
  // editor closes our input, and keep console output off stdout.
  const exit = () => process.exit(reader.shutdownReceived ? 0 : 1);
  process.stdin.on("end", exit);
  process.stdin.on("close", exit);
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
// A bug in one request must never take the server (and every squiggle) down with it.
process.on("uncaughtException", (err) => connection.console.error(`uncaught: ${err.stack ?? err.message}`));
process.on("unhandledRejection", (err) => connection.console.error(`unhandled rejection: ${String(err)}`));
startServer(connection, __dirname, versions);
