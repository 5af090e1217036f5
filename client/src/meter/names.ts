// What may go into an API path and into the tooltip's Markdown from settings and HF's answers.

/**
 * HF's rule for user, org and repo names (as huggingface_hub validates them): letters, digits, `-`, `_`, `.`; no
 * `--` or `..`; not starting or ending with `-` or `.`; at most 96 characters. So no `/` and no `..` ever reaches an
 * API path.
 */
export function isHfName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 96 &&
    /^[A-Za-z0-9_.-]+$/.test(name) &&
    !/--|\.\./.test(name) &&
    !/^[-.]|[-.]$/.test(name)
  );
}

/** Text shown literally in a VS Code MarkdownString (with theme icons on): Markdown and `$(icon)` syntax escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, (c) => `\\${c}`);
}
