// What counts as an HF call in Python: the client classes (from the library profiles), their network methods, and
// the Hub functions. Sources: huggingface_hub, openai-python, langchain-huggingface, smolagents (docs/hf-facts.md).
import { PY_CLIENT_CLASSES, type PyClientClass } from "../profiles";
import { LANGCHAIN_PY_METHODS } from "../profiles/langchain";
export { classifyUrl, type HostKind } from "../profiles/hosts";
export type { PyClientKind } from "../profiles/types";

export type ClientClass = PyClientClass;

/** The client classes of every Python profile (profiles/index.ts). */
export const CLIENT_CLASSES = PY_CLIENT_CLASSES;

export const LANGCHAIN_METHODS = new Set(LANGCHAIN_PY_METHODS);
