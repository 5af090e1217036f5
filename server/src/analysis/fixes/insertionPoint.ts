// Where an inserted helper goes: after the module docstring, `from __future__` and the imports at the top of a
// Python file; after the imports (ES or require) at the top of a JS/TS file.

export function pythonInsertionOffset(text: string): number {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  let after = 0;
  let i = 0;
  let open = 0; // parentheses still open in a multi-line import
  let inDocstring: string | undefined;
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
      open += count(line, "(") - count(line, ")");
      after = offset;
      continue;
    }
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const doc = /^[rRuUbB]?("""|''')/.exec(trimmed);
    if (doc && after === 0) {
      const rest = trimmed.slice(doc[0].length);
      if (!rest.includes(doc[1])) inDocstring = doc[1];
      after = offset;
      continue;
    }
    if (/^(import\s|from\s+\S+\s+import\s)/.test(trimmed)) {
      open = count(line, "(") - count(line, ")");
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
  for (const line of lines) {
    const trimmed = line.trim();
    offset += line.length;
    if (inImport) {
      after = offset;
      if (/from\s+["'][^"']+["']|;\s*$/.test(trimmed)) inImport = false;
      continue;
    }
    if (trimmed === "" || trimmed.startsWith("//") || trimmed.startsWith("#!") || /^["']use (strict|client)["'];?$/.test(trimmed)) continue;
    if (trimmed.startsWith("/*") || trimmed.startsWith("*")) continue;
    if (/^import[\s{*"']/.test(trimmed) || /^(const|let|var)\s+.*=\s*require\(/.test(trimmed) || /^export\s+\*\s+from/.test(trimmed)) {
      after = offset;
      inImport = /^import[\s{]/.test(trimmed) && !/from\s+["'][^"']+["']|^import\s+["']/.test(trimmed);
      continue;
    }
    break;
  }
  return after;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
