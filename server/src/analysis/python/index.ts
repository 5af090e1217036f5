// STUB owned by the Python frontend work.
import { emptyModel, type FileModel, type FrontendInput } from "../model";

export async function initPython(_wasmDir?: string): Promise<void> {}

export function analyzePython(_input: FrontendInput): FileModel {
  return emptyModel("python");
}
