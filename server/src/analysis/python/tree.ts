// A plain-JavaScript copy of a tree-sitter-python tree, kept per file and updated per edit.
//
// Why: every question asked of a web-tree-sitter node crosses into wasm, and the analysis asks hundreds of
// thousands of them on a large file (about 90 ms on a 5,000-line one, against 4 ms for the incremental parse).
// Reading the tree once into JS objects makes those questions ordinary property reads. After an edit only the
// top-level statements whose syntax changed are read again; the others are kept and shifted, so the work per
// keystroke follows the size of the edit, not of the file.
import type { Tree, TreeCursor } from "web-tree-sitter";
import { newGroup } from "../incremental/locate";
import { detach } from "../text";
import { rawCursor, type RawCursor } from "./rawCursor";

/**
 * What the nodes of one top-level statement share: how far the statement moved since it was read, and its own
 * text. Each statement keeps a copy of just its text, so a string taken from a node (a callee name kept in a
 * result) holds on to that statement's text, never to a whole old version of the file.
 */
interface Statement {
  delta: number;
  /** Where the statement started when it was read; node positions are stored as they were then. */
  origin: number;
  text: string;
  /** Whether the statement holds a syntax error (its parse recovered from one). */
  broken: boolean;
  /** Statements read from one region that parsed with a syntax error share a group (see locate.ts). */
  group?: number;
}

let nextId = 1;

/**
 * Node type names by grammar symbol, as internalised strings. web-tree-sitter builds its names from wasm memory,
 * and V8 compares such strings character by character; internalised ones compare by pointer, which matters for
 * the `type === "call"` tests the analysis makes on every node.
 */
const typeNames: string[] = [];

function typeOf(cursor: TreeCursor): string {
  const id = cursor.nodeTypeId;
  return (typeNames[id] ??= Object.keys({ [cursor.nodeType]: true })[0]);
}

/** The language of the tree being read (one grammar per process: tree-sitter-python). */
let currentLanguage: Tree["language"] | undefined;

/** A type name by grammar symbol, as TreeCursor.nodeType gives it. */
function typeName(id: number): string {
  return (typeNames[id] ??= Object.keys({ [currentLanguage!.types[id] || "ERROR"]: true })[0]);
}

const NO_CHILDREN: PyNode[] = [];

export class PyNode {
  /** Unique among live nodes; analyses key maps by it. */
  readonly id = nextId++;
  parent: PyNode | null = null;
  /** Leaves (most nodes) share one empty list; a node gets its own when its first child is added. */
  children: PyNode[] = NO_CHILDREN;
  /**
   * What the analysis works out once per top-level statement (scope.ts), kept on the node so it lives exactly as
   * long as the statement: a WeakMap would keep it until a full collection.
   */
  memo: unknown = undefined;
  /** The field this node fills in its parent (`function`, `arguments`, ...), or null. */
  field: string | null = null;
  private named?: PyNode[];

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    private start: number,
    private end: number,
    /** Shared by every node of a top-level statement: moving the statement is one addition (see `shift`). */
    private readonly statement: Statement,
  ) {}

  get startIndex(): number {
    return this.start + this.statement.delta;
  }

  get endIndex(): number {
    return this.end + this.statement.delta;
  }

  /** Whether this node's top-level statement holds a syntax error. */
  get broken(): boolean {
    return this.statement.broken;
  }

  get text(): string {
    const { origin, text } = this.statement;
    return text.slice(this.start - origin, this.end - origin);
  }

  get namedChildren(): PyNode[] {
    return (this.named ??= this.children.length ? this.children.filter((c) => c.isNamed) : NO_CHILDREN);
  }

  childForFieldName(name: string): PyNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  /** The node itself and its descendants of the given types, in source order (as web-tree-sitter gives them). */
  descendantsOfType(types: string | readonly string[]): PyNode[] {
    const wanted = typeof types === "string" ? [types] : types;
    const out: PyNode[] = [];
    const stack: PyNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      if (wanted.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    return out;
  }

  /** The module node this node belongs to. */
  get root(): PyNode {
    let n: PyNode = this;
    while (n.parent) n = n.parent;
    return n;
  }

  /** Appends a child while the tree is read. */
  adopt(child: PyNode): void {
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.push(child);
  }

  /** Records whether this top-level statement holds a syntax error. */
  markBroken(broken: boolean): void {
    this.statement.broken = broken;
  }

  /** The group of a top-level statement read from a region with a syntax error (see locate.ts: widenToGroups). */
  get group(): number | undefined {
    return this.statement.group;
  }

  /** Moves this top-level statement, and everything in it, by `delta` characters (an edit before it). */
  shift(delta: number): void {
    this.statement.delta += delta;
  }
}

/**
 * A file's mirror: the module node (its children are the top-level statements) and whether any of them holds a
 * syntax error (each statement says whether it does: `broken`).
 */
export interface Mirror {
  root: PyNode;
  hasError: boolean;
}

/** What changed since the tree the previous mirror was read from. */
export interface MirrorEdit {
  previous: Mirror;
  /** Offsets of the text edit: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Where tree-sitter says the syntax changed (`newTree.getChangedRanges(oldTree)`), in new offsets. */
  changed: { startIndex: number; endIndex: number }[];
}

/**
 * Reads `tree` into a mirror. With `edit`, each top-level statement that lies outside the edit and outside
 * tree-sitter's changed ranges, and that the previous mirror has at the matching place with the same type and
 * length, is taken from the previous mirror (shifted) instead of being read again.
 */
export function mirror(tree: Tree, text: string, edit?: MirrorEdit): Mirror {
  const reusable = edit ? topLevelByStart(edit.previous.root) : undefined;
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  currentLanguage = tree.language;
  const cursor = tree.walk();
  try {
    const root = new PyNode(typeOf(cursor), true, cursor.startIndex, cursor.endIndex, {
      delta: 0,
      origin: 0,
      text,
      broken: false,
    });
    // Which statements hold the errors is asked only of a tree that has some (each question crosses into wasm).
    const errors = tree.rootNode.hasError;
    if (cursor.gotoFirstChild()) {
      do {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        const type = typeOf(cursor);
        let child: PyNode | undefined;
        if (edit && reusable && !touches(edit, start, end)) {
          const oldStart = start >= edit.newEnd ? start - delta : start;
          const old = reusable.get(oldStart);
          if (old && old.type === type && old.endIndex - old.startIndex === end - start) {
            child = old;
            if (oldStart !== start) old.shift(start - oldStart);
          }
        }
        child ??= readSubtree(cursor, text, 0);
        child.markBroken(errors && cursor.currentNode.hasError);
        child.field = cursor.currentFieldName;
        child.parent = root;
        root.adopt(child);
      } while (cursor.gotoNextSibling());
    }
    if (errors) flagSomewhere(root.children);
    return { root, hasError: errors };
  } finally {
    cursor.delete();
  }
}

/**
 * A tree can have an error that no top-level statement holds (tree-sitter puts some at the module itself): then
 * every statement of that parse counts as broken, so nothing takes the rest of the file for valid.
 */
function flagSomewhere(statements: PyNode[]): void {
  if (statements.some((s) => s.broken)) return;
  for (const s of statements) s.markBroken(true);
}

function topLevelByStart(root: PyNode): Map<number, PyNode> {
  const byStart = new Map<number, PyNode>();
  for (const c of root.children) byStart.set(c.startIndex, c);
  return byStart;
}

/** Whether [start, end] meets the edited text or a range whose syntax changed (touching counts, to be safe). */
function touches(edit: MirrorEdit, start: number, end: number): boolean {
  if (start <= edit.newEnd && edit.start <= end) return true;
  for (const r of edit.changed) if (start <= r.endIndex && r.startIndex <= end) return true;
  return false;
}

/**
 * The mirror of `previous` with its top-level statements `from`..`to` replaced by the statements of `slice`, a
 * parse of the new text of just that region (which starts at `offset`), and the statements after it moved by
 * `delta`. The caller has checked that the region parses the same alone as in the file, or chosen to keep a syntax
 * error inside the region (see parser.ts): the mirror has errors when any statement has.
 */
export function spliceMirror(
  previous: Mirror,
  text: string,
  from: number,
  to: number,
  slice: Tree,
  offset: number,
  delta: number,
): Mirror {
  const old = previous.root.children;
  const children = old.slice(0, from);
  currentLanguage = slice.language;
  const cursor = slice.walk();
  const errors = slice.rootNode.hasError;
  const group = errors ? newGroup() : undefined;
  try {
    if (cursor.gotoFirstChild()) {
      do {
        const child = readSubtree(cursor, text, offset, group);
        child.markBroken(errors && cursor.currentNode.hasError);
        child.field = cursor.currentFieldName;
        children.push(child);
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  if (errors) flagSomewhere(children.slice(from));
  for (let i = to + 1; i < old.length; i++) {
    if (delta) old[i].shift(delta);
    children.push(old[i]);
  }
  // The module spans from its first token (or the end, when empty) to the end of the text, as tree-sitter has it.
  const root = new PyNode(
    previous.root.type,
    true,
    children.length ? children[0].startIndex : text.length,
    text.length,
    { delta: 0, origin: 0, text, broken: false },
  );
  root.children = children;
  for (const c of children) c.parent = root;
  return { root, hasError: children.some((c) => c.broken) };
}

/**
 * Reads the cursor's current node, a top-level statement of `text` (positions moved by `offset`), and everything
 * under it; the cursor ends where it started. The walk goes through the runtime's exports (rawCursor.ts) when it
 * can: the same questions, without copying the cursor in and out of wasm memory for each.
 */
function readSubtree(cursor: TreeCursor, text: string, offset: number, group?: number): PyNode {
  const raw = rawCursor(cursor);
  if (!raw) return readSubtreeWith(cursorWalk(cursor), text, offset, group);
  try {
    return readSubtreeWith(raw, text, offset, group);
  } finally {
    raw.end();
  }
}

/** The TreeCursor's own methods, for a runtime rawCursor.ts does not recognise. */
function cursorWalk(cursor: TreeCursor): Walk {
  return {
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    isNamed: () => cursor.nodeIsNamed,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    fieldId: () => cursor.currentFieldId,
  };
}

type Walk = Omit<RawCursor, "end">;

/**
 * Whether nodes of a type are named, by grammar symbol: a property of the symbol (its alias when it has one, which
 * is the id the cursor gives), so it is asked of the runtime once per type instead of once per node.
 */
const namedTypes: boolean[] = [];

/**
 * The children of the nodes being read, in one stack: a node's list is copied out at its exact length once its
 * last child is read (a list grown by pushes would hold room for 17, and most nodes have one to three).
 */
const pending: PyNode[] = [];

function readSubtreeWith(walk: Walk, text: string, offset: number, group?: number): PyNode {
  const start = walk.startIndex() + offset;
  const end = walk.endIndex() + offset;
  const moved: Statement = { delta: 0, origin: start, text: detach(text.slice(start, end)), broken: false, group };
  let id = walk.typeId();
  const top = new PyNode(typeName(id), (namedTypes[id] ??= walk.isNamed()), start, end, moved);
  if (!walk.gotoFirstChild()) return top;
  const fields = currentLanguage!.fields;
  let parent = top;
  // Where the children of each node being read start in `pending`, and how much of `pending` is in use.
  const opened = [0];
  let used = 0;
  let peak = 0;
  try {
    for (;;) {
      id = walk.typeId();
      const node = new PyNode(
        typeName(id),
        (namedTypes[id] ??= walk.isNamed()),
        walk.startIndex() + offset,
        walk.endIndex() + offset,
        moved,
      );
      node.field = fields[walk.fieldId()] as string | null;
      node.parent = parent;
      pending[used++] = node;
      if (walk.gotoFirstChild()) {
        parent = node;
        opened.push(used);
        continue;
      }
      while (!walk.gotoNextSibling()) {
        walk.gotoParent();
        const from = opened.pop()!;
        parent.children = pending.slice(from, used);
        if (used > peak) peak = used;
        used = from;
        if (parent === top) return top;
        parent = parent.parent!;
      }
    }
  } finally {
    // The stack must not keep the last statement's nodes alive.
    pending.fill(undefined as unknown as PyNode, 0, Math.max(peak, used));
  }
}
