// Parent links for a tree TypeScript parsed without them (`setParentNodes` false): its own walk queues every node's
// children in a fresh array, a third of a parse. Used for whole files (parse.ts) and the regions spliced into them
// (splice.ts).
import ts from "typescript";

/** The node whose children `adopt` is being given: one callback for the whole walk, not a closure per node. */
let adopting: ts.Node | undefined;

function adopt(child: ts.Node): undefined {
  const parent = adopting!;
  (child as { parent: ts.Node }).parent = parent;
  adopting = child;
  ts.forEachChild(child, adopt);
  adopting = parent;
  return undefined;
}

/**
 * Sets every node's `parent`, as `setParentNodes` does (no JSDoc nodes to bind: they are not parsed). A closure per
 * node (`forEachChild(node, (child) => ...)`) was a seventh of what the JS/TS frontend allocated on a cold scan.
 */
export function setParents(file: ts.SourceFile): void {
  adopting = file;
  try {
    ts.forEachChild(file, adopt);
  } finally {
    adopting = undefined; // the module must not keep the last tree alive
  }
}
