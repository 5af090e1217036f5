// STUB owned by the config work: nearest config file up from the file wins.
import type { FileSystem } from "../fileSystem";
import type { ResolvedConfig } from "./types";

export function resolveConfig(_fs: FileSystem, _filePath: string, _configFile?: string): ResolvedConfig {
  return { rules: {}, exclude: [], errors: [] };
}
