// Where an inserted helper goes: after the module docstring, `from __future__` and the imports at the top of a
// Python file; after the imports (ES or require) at the top of a JS/TS file.

export function pythonInsertionOffset(text: string): number {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  let after = 0;
  let i = 0;
  let open = 0; // parentheses still open in a multi-line import
  let inDocstring: string | undefined;
  let code = false; // a statement came before: a string literal is no longer the docstring
  for (; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    offset += line.length;
    if (inDocstring) {
      if (trimmed.includes(inDocstring)) {
        inDocstring = undefined;
        after = offset;
      }
      continue;
    }
    if (open > 0 || trimmed.endsWith("\\")) {
      open += parens(line);
      after = offset;
      continue;
    }
    // A shebang and an encoding declaration must stay on the first two lines.
    if (
      i < 2 &&
      after === offset - line.length &&
      ((trimmed.startsWith("#!") && i === 0) || /^#.*coding[:=]/.test(trimmed))
    ) {
      after = offset;
      continue;
    }
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const doc = /^[rRuUbB]?("""|''')/.exec(trimmed);
    if (doc && !code) {
      const rest = trimmed.slice(doc[0].length);
      if (!rest.includes(doc[1])) inDocstring = doc[1];
      after = offset;
      continue;
    }
    code = true;
    if (/^(import\s|from\s+\S+\s+import\s)/.test(trimmed)) {
      open = parens(line);
      after = offset;
      continue;
    }
    break;
  }
  return after;
}

export function jsInsertionOffset(text: string): number {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  let after = 0;
  let inImport = false;
  let prologue = true; // still before any statement that ends the directive prologue
  for (const line of lines) {
    const trimmed = line.trim();
    offset += line.length;
    if (inImport) {
      after = offset;
      if (/from\s+["'][^"']+["']|;\s*$/.test(trimmed)) inImport = false;
      continue;
    }
    // A shebang and the directive prologue ("use strict", 'use client', ...) must stay first.
    if ((trimmed.startsWith("#!") && offset === line.length) || (prologue && /^(["'])use [\w ]+\1;?$/.test(trimmed))) {
      after = offset;
      continue;
    }
    if (trimmed === "" || trimmed.startsWith("//")) continue;
    if (trimmed.startsWith("/*") || trimmed.startsWith("*")) continue;
    prologue = false;
    if (
      /^import[\s{*"']/.test(trimmed) ||
      /^(const|let|var)\s+.*=\s*require\(/.test(trimmed) ||
      /^export\s+\*\s+from/.test(trimmed)
    ) {
      after = offset;
      inImport = /^import[\s{]/.test(trimmed) && !/from\s+["'][^"']+["']|^import\s+["']/.test(trimmed);
      continue;
    }
    break;
  }
  return after;
}

/** Parentheses a Python line leaves open; a comment's `(` does not count (`import x  # (see below)`). */
function parens(line: string): number {
  const code = line.replace(/#.*/, "");
  return count(code, "(") - count(code, ")");
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
