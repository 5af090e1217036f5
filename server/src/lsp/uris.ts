// Document URIs to the analyzer's POSIX paths and back. Unsaved documents get a stable pseudo path with the
// extension of their language, so they are analysed like files.
import { fileURLToPath, pathToFileURL } from "node:url";

const EXT: Record<string, string> = {
  python: ".py",
  javascript: ".js",
  javascriptreact: ".jsx",
  typescript: ".ts",
  typescriptreact: ".tsx",
};

export function uriToPath(uri: string, languageId?: string): string {
  if (uri.startsWith("file:")) return fileURLToPath(uri).split("\\").join("/");
  const safe = uri.replace(/[^A-Za-z0-9._-]+/g, "_");
  const ext = languageId ? (EXT[languageId] ?? "") : "";
  return `/__unsaved__/${safe}${safe.endsWith(ext) ? "" : ext}`;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}
