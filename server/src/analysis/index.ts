// Public surface of the analysis core.
export { Analyzer, type AnalyzerOptions } from "./analyzer";
export type { Diagnostic, FileResult, Fix, TextEdit } from "./diagnostic";
export type { FileSystem } from "./fileSystem";
export { MemoryFileSystem } from "./fileSystem";
export type { ConfigOverrides } from "./config/types";
export { LineIndex, type Position, type Range } from "./text";
