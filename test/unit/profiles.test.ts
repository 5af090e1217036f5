// Every library profile must be exercised: at least one flagged and one clean fixture use the library, and the
// text prefilter lets each flagged one through (a library whose needs were missing from the prefilter would never
// be parsed, silently). Adding a profile without fixtures fails here.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileKind } from "../../server/src/analysis/fileKinds";
import { mayMatter } from "../../server/src/analysis/prefilter";
import { JS_PREFILTER, PROFILES, PY_PREFILTER } from "../../server/src/analysis/profiles";
import type { LibraryProfile } from "../../server/src/analysis/profiles/types";
import { FIXTURES } from "../support/paths";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whether a fixture's text uses the library: imports one of its modules, or calls one of its globals. */
function uses(profile: LibraryProfile, text: string): boolean {
  const mods = profile.modules.map(escape).join("|");
  const re =
    profile.language === "python"
      ? new RegExp(`^\\s*(from\\s+(${mods})(\\.[\\w.]+)?\\s+import|import\\s+(${mods})\\b)`, "m")
      : new RegExp(`(from|require\\(|import)\\s*["'](${mods})(/[^"']*)?["']`);
  if (re.test(text)) return true;
  return (
    profile.language === "js" && (profile.globals ?? []).some((g) => new RegExp(`\\b${escape(g)}\\s*\\(`).test(text))
  );
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((rel) => path.join(dir, rel))
    .filter((f) => fs.statSync(f).isFile() && !f.endsWith(".json") && !f.endsWith(".txt") && !f.endsWith(".toml"));
}

const fixtures = {
  python: { flag: files(path.join(FIXTURES, "python", "flag")), clean: files(path.join(FIXTURES, "python", "clean")) },
  js: { flag: files(path.join(FIXTURES, "js", "flag")), clean: files(path.join(FIXTURES, "js", "clean")) },
};

for (const profile of PROFILES) {
  test(`profile ${profile.language}/${profile.id} has flagged and clean fixtures the prefilter finds`, () => {
    for (const kind of ["flag", "clean"] as const) {
      const using = fixtures[profile.language][kind].filter((f) => uses(profile, fs.readFileSync(f, "utf8")));
      assert.ok(
        using.length > 0,
        `no ${kind} fixture under test/fixtures/${profile.language}/${kind} uses ${profile.id}`,
      );
      // Every flagged use must be parsed to be flagged; clean ones may include a file that rightly is not parsed
      // (fetch of a non-HF URL), but at least one must be found.
      const found = using.filter((f) => {
        const text = fs.readFileSync(f, "utf8");
        return mayMatter(text, fileKind(f));
      });
      if (kind === "flag")
        assert.deepEqual(
          using.filter((f) => !found.includes(f)).map((f) => path.relative(FIXTURES, f)),
          [],
          `flagged fixtures of ${profile.id} that the prefilter does not find`,
        );
      else assert.ok(found.length > 0, `no clean fixture of ${profile.id} is found by the prefilter`);
    }
  });
}

test("the prefilter looks for what every profile says a use needs, and only then", () => {
  for (const [language, needs] of [
    ["python", PY_PREFILTER],
    ["js", JS_PREFILTER],
  ] as const) {
    for (const need of needs) {
      const module = need.modules[0];
      const name = need.names?.[0] ?? "client";
      const host = need.destination ? `URL = "https://router.huggingface.co/v1"\n` : "";
      const use =
        language === "python"
          ? `import ${module}\n${host}${module}.${name}()\n`
          : `import * as lib from "${module}";\n${host.replace("URL", "const URL")}lib.${name}();\n`;
      assert.ok(mayMatter(use, language), `${need.id}: a use of ${module}.${name} is not parsed:\n${use}`);
      if (need.names || need.destination) {
        const bare =
          language === "python" ? `import ${module}\nprint(${module})\n` : `import * as lib from "${module}";\n`;
        assert.equal(mayMatter(bare, language), false, `${need.id}: the module alone passes:\n${bare}`);
      }
    }
  }
  assert.equal(mayMatter("import os\nprint(os.getcwd())\n"), false, "a file with no word at all is skipped");
});
