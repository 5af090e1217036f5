// README's `npm install` on a fresh clone: it must leave the clone clean (the lock file already says what npm
// would write about the project itself) and print no engine warnings (every locked package runs on the oldest
// Node our `engines` admits).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));

test("package-lock.json's project entry matches package.json, so npm install does not rewrite it", () => {
  const own = lock.packages[""];
  for (const field of ["name", "version", "license", "bin", "dependencies", "devDependencies", "engines"]) {
    assert.deepEqual(
      own[field],
      pkg[field],
      `package-lock.json's "${field}" differs from package.json (run npm install and commit the lock)`,
    );
  }
});

type Version = [number, number, number];

function parseVersion(text: string): { v: Version; parts: number } {
  const nums = text
    .replace(/^v/, "")
    .split(".")
    .filter((p) => p !== "" && p !== "*" && p.toLowerCase() !== "x");
  return { v: [Number(nums[0] ?? 0), Number(nums[1] ?? 0), Number(nums[2] ?? 0)], parts: nums.length };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Enough of npm's range syntax for `engines.node` fields: ||, spaces (and), >= > <= < ^ ~ and x-ranges. */
function satisfies(version: Version, range: string): boolean {
  return range.split("||").some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/([<>=^~]+)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((c) => {
      const [, op, rest] = /^([<>=^~]*)(.*)$/.exec(c)!;
      if (rest === "*" || rest === "") return true;
      const { v, parts } = parseVersion(rest);
      const cmp = compare(version, v);
      switch (op) {
        case ">=":
          return cmp >= 0;
        case ">":
          return cmp > 0;
        case "<=":
          return cmp <= 0;
        case "<":
          return cmp < 0;
        case "^":
          return cmp >= 0 && version[0] === v[0];
        case "~":
          return cmp >= 0 && version[0] === v[0] && version[1] === v[1];
        default:
          // "20", "6.*", "1.2.3": equal in the parts given.
          return version.slice(0, parts).every((n, i) => n === v[i]);
      }
    });
  });
}

test("the range reader understands the forms locked packages use", () => {
  assert.ok(satisfies([20, 18, 1], "18 || 20 || >=22"));
  assert.ok(!satisfies([21, 0, 0], "18 || 20 || >=22"));
  assert.ok(satisfies([20, 18, 1], "^18.18.0 || ^20.9.0 || >=21.1.0"));
  assert.ok(!satisfies([20, 18, 0], ">=20.18.1"));
  assert.ok(satisfies([20, 18, 1], ">= 20"));
  assert.ok(satisfies([20, 0, 0], "6.* || 8.* || >= 10.*"));
  assert.ok(!satisfies([20, 0, 0], ">=22.0.0"));
});

test("every locked package runs on the oldest Node that package.json's engines admits (no EBADENGINE warning)", () => {
  const oldest = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node);
  assert.ok(oldest, `engines.node should be a lower bound, got ${pkg.engines.node}`);
  const floor = parseVersion(oldest[1]).v;
  const refusing = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
    .filter(
      ([where, entry]) =>
        where !== "" && typeof entry.engines?.node === "string" && !satisfies(floor, entry.engines.node),
    )
    .map(([where, entry]) => `${where.replace(/^node_modules\//, "")} wants node ${entry.engines!.node}`);
  assert.deepEqual(refusing, [], `engines.node is ${pkg.engines.node}`);
});
