// What `npm start` opens: a scratch copy of examples/ (code-server saves on its own, and every quick fix tried
// must not land in tracked files), and user settings for a clean first look.
import fs from "node:fs";
import path from "node:path";

export const USER_SETTINGS = {
  // Built-in AI features add entries to the Quick Fix menu and an empty chat view in the secondary side bar.
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  // The scratch copy sits in a temporary folder; never offer to open whatever repository encloses it.
  "git.openRepositoryInParentFolders": "never",
  // The examples' node_modules is a link to the repository's (types for the TypeScript example), not content.
  "files.exclude": { "**/node_modules": true },
};

/**
 * Copies examples/ into `dir` and links the repository's node_modules into the copy, so the TypeScript example
 * resolves `@huggingface/inference` and Node's types (`process`) without an install. Returns the copy's path.
 */
export function makeScratchExamples(root, dir) {
  const copy = path.join(dir, "examples");
  fs.cpSync(path.join(root, "examples"), copy, {
    recursive: true,
    filter: (src) => !["node_modules", ".hf-rate-guard-cache"].includes(path.basename(src)),
  });
  const modules = path.join(root, "node_modules");
  if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(copy, "node_modules"), "dir");
  return copy;
}
