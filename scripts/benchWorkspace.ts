// Generators for the benchmarks: a large mixed workspace (about 5% of files use HF) and HF-heavy single files.
import fs from "node:fs";
import path from "node:path";
import { hfPython, hfTs } from "../test/support/heavyFiles";

export { hfPython, hfTs, sized } from "../test/support/heavyFiles";

const PLAIN_PY = (i: number) => `"""Module ${i}: plain business logic."""
from dataclasses import dataclass


@dataclass
class Item${i}:
    name: str
    price: float

    def total(self, qty: int) -> float:
        return self.price * qty
`;

const PLAIN_TS = (i: number) => `// Module ${i}: plain business logic.
export interface Item${i} {
  name: string;
  price: number;
}

export function total${i}(item: Item${i}, qty: number): number {
  return item.price * qty;
}
`;

/** Writes the workspace and returns its line count. */
export function generateWorkspace(dir: string, targetLines: number): { lines: number; files: number } {
  let lines = 0;
  let files = 0;
  for (let i = 0; lines < targetLines; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    const hf = i % 20 === 0; // 5% of files use HF
    const py = i % 2 === 0;
    const text = hf ? (py ? hfPython(3) : hfTs(3)) : py ? PLAIN_PY(i).repeat(8) : PLAIN_TS(i).repeat(10);
    fs.writeFileSync(path.join(sub, `m${i}.${py ? "py" : "ts"}`), text);
    lines += text.split("\n").length;
    files++;
  }
  return { lines, files };
}
