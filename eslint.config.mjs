// ESLint with typescript-eslint over the project's own code, run by `npm test` (after tsc). User-code fixtures,
// examples and generated bundles are not ours to lint. No formatting rules: layout is Prettier's (.prettierrc.json, checked by `npm test`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const node = Object.fromEntries(
  [
    "console",
    "process",
    "require",
    "module",
    "__dirname",
    "Buffer",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "fetch",
    "URL",
  ].map((g) => [g, "readonly"]),
);

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "out/**",
      "node_modules/**",
      "examples/**",
      "test/fixtures/**",
      "test/e2e/fixtures/**",
      "test/runtime/programs/**",
      ".hf-rate-guard-cache/**",
      ".bench/**",
      "test-artifacts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: node },
    rules: {
      // Dropping a field with a rest destructure (`{ whyNot: _whyNot, ...rest }`) is how we copy without it.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Walking up a tree from `this` (`let n = this; while (n.parent) ...`) is a traversal, not a captured alias.
      "@typescript-eslint/no-this-alias": "off",
      // Regexes over source text match indentation literally; four spaces read better than " {4}".
      "no-regex-spaces": "off",
    },
  },
  // The bins are CommonJS entry points.
  {
    files: ["bin/**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Tests load bundles and files with require where that is simplest.
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-require-imports": "off" } },
);
