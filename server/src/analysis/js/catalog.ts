// What counts as an HF call in JS/TS: the client classes and the factories that make instances, from the library
// profiles (profiles/index.ts); each library's method and function names are in its profile file.

import { JS_CLIENT_CLASSES, JS_FACTORIES } from "../profiles";
export type { JsClientKind, JsRaise } from "../profiles/types";

/** Client classes and the factories that make instances (axios.create(), ...), from the JS profiles. */
export const CLIENT_CLASSES = JS_CLIENT_CLASSES;
export const FACTORIES = JS_FACTORIES;
