// Recovery from a fault inside tree-sitter's wasm.
//
// web-tree-sitter runs the parser in one WebAssembly instance per process, with a 64 KB stack placed just above
// the runtime's static data (malloc's bookkeeping among it). A fault in there (an out-of-bounds access after a
// buffer overrun, the stack running into the static data) leaves that memory damaged, and every later parse in the
// process then fails or, worse, quietly returns wrong trees: one hostile file silenced every later Python file.
// A new Parser object does not help, since it lives in the same damaged memory. What does: keep a copy of the
// instance's memory taken right after the parser was set up (a few hundred KB), and after a fault put it back,
// with the stack pointer, so the next parse runs in exactly the state of a fresh start. Every tree made since the
// copy is gone then, so the caller must drop all it keeps (parser.ts does).
import * as fs from "node:fs";

interface WasmState {
  memory: WebAssembly.Memory;
  stackPointer: WebAssembly.Global;
}

/** The runtime's exports once it is instantiated (rawCursor.ts walks trees through them). */
export let wasmExports: WebAssembly.Exports | undefined;

let state: WasmState | undefined;
let snapshot: Uint8Array | undefined;
let savedStackPointer = 0;
/** A wasm page. */
const PAGE = 65536;

/** How many faults were recovered from in this process (tests check that a fault was really taken). */
export const wasmFaults = { recovered: 0 };

/**
 * An `instantiateWasm` hook for `Parser.init`: instantiates the runtime as emscripten would, and keeps hold of the
 * memory and stack pointer it imports so they can be restored later.
 */
export function instantiateKeepingState(wasmFile: string) {
  return (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): Record<string, never> => {
    const env = imports.env as Record<string, unknown>;
    if (env.memory instanceof WebAssembly.Memory && env.__stack_pointer instanceof WebAssembly.Global) {
      state = { memory: env.memory, stackPointer: env.__stack_pointer };
    }
    void WebAssembly.instantiate(fs.readFileSync(wasmFile), imports).then((r) => {
      wasmExports = r.instance.exports;
      done(r.instance, r.module);
    });
    return {};
  };
}

/** The runtime's memory (its buffer changes when the memory grows). */
export function wasmMemory(): WebAssembly.Memory | undefined {
  return state?.memory;
}

/** Copies the instance's used memory; call once the parser and its language are ready and no tree exists yet. */
export function takeSnapshot(): void {
  if (!state) return;
  const buffer = state.memory.buffer;
  // Memory is zero beyond what the runtime has used so far: only the used part needs keeping. Whole pages are
  // compared natively (the 32 MB the runtime starts with take a few ms; byte by byte in JS took over 100).
  const zero = Buffer.alloc(PAGE);
  let end = buffer.byteLength;
  while (end >= PAGE && Buffer.from(buffer, end - PAGE, PAGE).equals(zero)) end -= PAGE;
  snapshot = new Uint8Array(buffer).slice(0, end);
  savedStackPointer = state.stackPointer.value as number;
}

/** A fault raised by the wasm code itself (not a JS error thrown on its way). */
export function isWasmFault(err: unknown): boolean {
  return err instanceof WebAssembly.RuntimeError;
}

/** Puts the memory back as it was at `takeSnapshot`; false when there is no snapshot to go back to. */
export function restoreSnapshot(): boolean {
  if (!state || !snapshot) return false;
  const bytes = new Uint8Array(state.memory.buffer);
  bytes.set(snapshot);
  bytes.fill(0, snapshot.length);
  state.stackPointer.value = savedStackPointer;
  wasmFaults.recovered++;
  return true;
}
