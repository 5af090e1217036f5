// STUB owned by the JS/TS frontend work.
import { emptyModel, type FileModel, type FrontendInput } from "../model";

export function analyzeJs(_input: FrontendInput): FileModel {
  return emptyModel("js");
}
