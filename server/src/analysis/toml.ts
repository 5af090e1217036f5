// smol-toml ships only as an ES module; Node (>= 20.19) and esbuild both load it through require, but the
// compiler will not type an ESM import from CommonJS, so its one function is typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const parseToml = (require("smol-toml") as { parse(text: string): unknown }).parse;
