// One analysis's view of a tree-sitter tree. Every property of a web-tree-sitter Node is a call into wasm that
// builds a fresh JS object, and the analysis asks the same questions of the same node many times (a node's type
// about five times, its fields about three). PyNode asks each question once and keeps the answer; nodes are
// memoised by id, so every path to a node reaches the same PyNode. The API mirrors the subset the frontend uses.
import type { Node as RawNode } from "web-tree-sitter";

export class PyTree {
  private readonly nodes = new Map<number, PyNode>();
  readonly rootNode: PyNode;

  constructor(root: RawNode, readonly source: string) {
    this.rootNode = this.wrap(root);
  }

  wrap(raw: RawNode): PyNode {
    let node = this.nodes.get(raw.id);
    if (!node) this.nodes.set(raw.id, (node = new PyNode(raw, this)));
    return node;
  }

  wrapMaybe(raw: RawNode | null | undefined): PyNode | null {
    return raw ? this.wrap(raw) : null;
  }
}

export class PyNode {
  readonly id: number;
  readonly startIndex: number;
  private cachedType?: string;
  private cachedEnd?: number;
  private cachedParent?: PyNode | null;
  private cachedNamed?: PyNode[];
  private fields?: Map<string, PyNode | null>;

  constructor(readonly raw: RawNode, readonly tree: PyTree) {
    this.id = raw.id;
    this.startIndex = raw.startIndex;
  }

  get type(): string {
    return (this.cachedType ??= this.raw.type);
  }

  get endIndex(): number {
    return (this.cachedEnd ??= this.raw.endIndex);
  }

  /** The source text (offsets are UTF-16 code units, as in JS strings). */
  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get parent(): PyNode | null {
    if (this.cachedParent === undefined) this.cachedParent = this.tree.wrapMaybe(this.raw.parent);
    return this.cachedParent;
  }

  get namedChildren(): PyNode[] {
    return (this.cachedNamed ??= this.raw.namedChildren.flatMap((c) => (c ? [this.tree.wrap(c)] : [])));
  }

  get hasError(): boolean {
    return this.raw.hasError;
  }

  childForFieldName(name: string): PyNode | null {
    this.fields ??= new Map();
    let child = this.fields.get(name);
    if (child === undefined) {
      child = this.tree.wrapMaybe(this.raw.childForFieldName(name));
      this.fields.set(name, child);
    }
    return child;
  }

  descendantsOfType(types: string | string[]): PyNode[] {
    return this.raw.descendantsOfType(types).flatMap((c) => (c ? [this.tree.wrap(c)] : []));
  }
}
