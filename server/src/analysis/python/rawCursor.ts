// Reading a whole tree through web-tree-sitter's cursor exports directly.
//
// Every TreeCursor method of web-tree-sitter copies the cursor's four words into the runtime's transfer buffer,
// calls the wasm function, and copies them back, through generic setValue/getValue helpers. Reading the mirror of a
// file (python/tree.ts) asks six or seven questions of every node, and that copying took about as long as parsing
// the file. The wasm functions read the cursor from the transfer buffer and write a moved cursor back to it, so
// while one walk runs with nothing else calling into the runtime, the buffer alone can hold the cursor: it is
// loaded once from the TreeCursor object and stored back into it when the walk ends.
import type { TreeCursor } from "web-tree-sitter";
import { wasmExports, wasmMemory } from "./wasmGuard";

type Call = (tree: number) => number;

export interface RawCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  isNamed(): boolean;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  /** Stores the cursor back into its TreeCursor; call before anything else uses the runtime. */
  end(): void;
}

interface Exports {
  ts_init: () => number;
  ts_tree_cursor_goto_first_child_wasm: Call;
  ts_tree_cursor_goto_next_sibling_wasm: Call;
  ts_tree_cursor_goto_parent_wasm: Call;
  ts_tree_cursor_current_node_type_id_wasm: Call;
  ts_tree_cursor_current_node_is_named_wasm: Call;
  ts_tree_cursor_start_index_wasm: Call;
  ts_tree_cursor_end_index_wasm: Call;
  ts_tree_cursor_current_field_id_wasm: Call;
}

/** What web-tree-sitter keeps in a TreeCursor (not part of its typed API, hence checked before use). */
interface CursorInternals {
  tree: Record<number, number>;
  handles?: unknown;
}

let transferBuffer: number | undefined;

/**
 * A raw walker over `cursor`, positioned where the cursor is; undefined when this runtime does not look like the
 * one it was written for (then the caller uses the TreeCursor methods, which give the same answers).
 */
export function rawCursor(cursor: TreeCursor): RawCursor | undefined {
  const x = wasmExports as unknown as Exports | undefined;
  const memory = wasmMemory();
  const internals = cursor as unknown as CursorInternals;
  const handles = internals.handles;
  const tree = internals.tree?.[0];
  if (!x || !memory || typeof tree !== "number" || !(handles instanceof Array) || handles.length !== 4)
    return undefined;
  if (typeof x.ts_tree_cursor_current_field_id_wasm !== "function") return undefined;
  // ts_init only writes two version numbers into the transfer buffer and returns its address.
  transferBuffer ??= x.ts_init();
  const words = transferBuffer >> 2;
  // Any getter loads the cursor into the transfer buffer, and getters leave it unchanged.
  void cursor.nodeTypeId;
  return {
    gotoFirstChild: () => x.ts_tree_cursor_goto_first_child_wasm(tree) === 1,
    gotoNextSibling: () => x.ts_tree_cursor_goto_next_sibling_wasm(tree) === 1,
    gotoParent: () => x.ts_tree_cursor_goto_parent_wasm(tree) === 1,
    typeId: () => x.ts_tree_cursor_current_node_type_id_wasm(tree),
    isNamed: () => x.ts_tree_cursor_current_node_is_named_wasm(tree) === 1,
    startIndex: () => x.ts_tree_cursor_start_index_wasm(tree),
    endIndex: () => x.ts_tree_cursor_end_index_wasm(tree),
    fieldId: () => x.ts_tree_cursor_current_field_id_wasm(tree),
    end: () => {
      const heap = new Int32Array(memory.buffer);
      for (let i = 0; i < 4; i++) handles[i] = heap[words + i];
    },
  };
}
