// What our parsers accept but the languages reject, checked on a file before fix-all touches it and on every
// text a fix produces. tree-sitter-python recovers silently from indentation errors (an unexpected indent, a
// block with no body, a dedent to no outer level) and from `await` inside a lambda; TypeScript parses `await`
// inside a non-async function and leaves the error (TS1308) to its checker. A fix must never be applied to, or
// produce, such a file: README promises that files with syntax errors are left alone.
import ts from "typescript";
import { parsePython } from "../python/parser";
import type { PyNode } from "../python/tree";

/** Why `text` is not a valid program, or undefined when nothing is wrong that the guard can see. */
export function syntaxProblem(language: "python" | "js", path: string, text: string): string | undefined {
  return language === "python" ? (pythonProblem(text) ?? pythonTreeProblem(text)) : jsProblem(path, text);
}

const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Python's tokenizer, reduced to what decides indentation: logical lines (brackets, backslashes and strings join
 * physical lines), comments, and the indentation stack. Tabs are compared at widths 8 and 1, as CPython does,
 * so inconsistent tabs are an error too.
 */
export function pythonProblem(text: string): string | undefined {
  const stack: [number, number][] = [[0, 0]];
  const brackets: string[] = [];
  let expectBlock = false; // the last logical line ended with ':'
  let lastSignificant = ""; // last non-space character of the current logical line, outside strings and comments
  let atLineStart = true;
  let continued = false; // a backslash joined this physical line to the previous one
  let line = 1;
  // `lambda` tokens still open (bracket depth where each began): an `await` inside one is a SyntaxError.
  const lambdas: { depth: number; inBody: boolean }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (atLineStart) {
      atLineStart = false;
      let wide = 0;
      let narrow = 0;
      let j = i;
      for (; j < n && (text[j] === " " || text[j] === "\t" || text[j] === "\f"); j++) {
        if (text[j] === " ") {
          wide++;
          narrow++;
        } else if (text[j] === "\t") {
          wide = (Math.floor(wide / 8) + 1) * 8;
          narrow++;
        } else wide = narrow = 0;
      }
      const blank = j >= n || text[j] === "\n" || text[j] === "\r" || text[j] === "#";
      if (!blank && brackets.length === 0 && !continued) {
        const [topWide, topNarrow] = stack[stack.length - 1];
        if (wide > topWide !== narrow > topNarrow || (wide === topWide) !== (narrow === topNarrow))
          return `line ${line}: inconsistent use of tabs and spaces`;
        if (wide > topWide) {
          if (!expectBlock) return `line ${line}: unexpected indent`;
          stack.push([wide, narrow]);
        } else {
          if (expectBlock) return `line ${line}: expected an indented block`;
          while (stack.length > 1 && stack[stack.length - 1][0] > wide) stack.pop();
          const [w, nw] = stack[stack.length - 1];
          if (w !== wide || nw !== narrow) return `line ${line}: unindent does not match any outer indentation level`;
        }
        expectBlock = false;
        lambdas.length = 0;
      }
      continued = false;
      i = j;
      continue;
    }
    const c = text[i];
    if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
      atLineStart = true;
      if (brackets.length === 0 && lastSignificant !== "") {
        expectBlock = lastSignificant === ":";
        lastSignificant = "";
      }
      continue;
    }
    if (c === "#") {
      while (i < n && text[i] !== "\n" && text[i] !== "\r") i++;
      continue;
    }
    if (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r")) {
      i += text[i + 1] === "\r" && text[i + 2] === "\n" ? 3 : 2;
      line++;
      atLineStart = true;
      continued = true;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      if (end === undefined) return `line ${line}: unterminated string`;
      for (let k = i; k < end; k++) if (text[k] === "\n") line++;
      i = end;
      lastSignificant = c;
      continue;
    }
    if (c in OPEN) brackets.push(OPEN[c]);
    else if (c === ")" || c === "]" || c === "}") {
      if (brackets.pop() !== c) return `line ${line}: unmatched '${c}'`;
      while (lambdas.length && lambdas[lambdas.length - 1].depth > brackets.length) lambdas.pop();
    } else if ((c === "," || c === ":") && lambdas.length && lambdas[lambdas.length - 1].depth === brackets.length) {
      // A lambda's parameters end at its ':'; its body ends at a comma of its own depth.
      const top = lambdas[lambdas.length - 1];
      if (c === ":") top.inBody = true;
      else if (top.inBody) lambdas.pop();
    }
    if (/[A-Za-z_]/.test(c) && (i === 0 || !/[\w.]/.test(text[i - 1]))) {
      let j = i + 1;
      while (j < n && /\w/.test(text[j])) j++;
      const word = text.slice(i, j);
      if (word === "lambda") lambdas.push({ depth: brackets.length, inBody: false });
      else if (word === "await" && lambdas.some((l) => l.inBody)) return `line ${line}: 'await' inside a lambda`;
      i = j;
      lastSignificant = word[word.length - 1];
      continue;
    }
    if (c !== " " && c !== "\t" && c !== "\f") lastSignificant = c;
    i++;
  }
  if (brackets.length)
    return `line ${line}: '${brackets[brackets.length - 1] === ")" ? "(" : brackets[brackets.length - 1] === "]" ? "[" : "{"}' was never closed`;
  if (expectBlock || lastSignificant === ":") return `line ${line}: expected an indented block`;
  return undefined;
}

/** End offset of the string literal whose opening quote is at `start` (prefixes were read as a word before). */
function stringEnd(text: string, start: number): number | undefined {
  const q = text[start];
  const triple = text.startsWith(q + q + q, start);
  const close = triple ? q + q + q : q;
  // A raw string still cannot end in an odd backslash before its quote, so skipping escaped characters is right.
  for (let i = start + close.length; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (!triple && (c === "\n" || c === "\r")) return undefined;
    if (text.startsWith(close, i)) return i + close.length;
  }
  return undefined;
}

/** TypeScript's parse errors, and `await` where neither an async function nor a module's top level holds it. */
export function jsProblem(path: string, text: string): string | undefined {
  const kind = /\.tsx$/.test(path)
    ? ts.ScriptKind.TSX
    : /\.jsx$/.test(path)
      ? ts.ScriptKind.JSX
      : /\.(m|c)?ts$/.test(path)
        ? ts.ScriptKind.TS
        : ts.ScriptKind.JS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const parseErrors = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (parseErrors.length) return ts.flattenDiagnosticMessageText(parseErrors[0].messageText, "\n");
  let problem: string | undefined;
  const visit = (node: ts.Node): void => {
    if (problem) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
        if (ts.isFunctionLike(p)) {
          if (!(ts.getCombinedModifierFlags(p as ts.Declaration) & ts.ModifierFlags.Async)) {
            const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
            problem = `line ${line + 1}: 'await' inside a function that is not async`;
          }
          break;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problem;
}

const PYTHON2 = new Set(["print_statement", "exec_statement"]);
const LOOPS = new Set(["for_statement", "while_statement"]);
const POSITIONAL_AFTER: Record<string, Set<string>> = {
  // In a call: no positional argument after a keyword one or `**`, no `*` after `**`.
  argument_list: new Set(["keyword_argument", "dictionary_splat"]),
};

/**
 * The rules tree-sitter-python's grammar does not enforce but CPython's compiler does, read from a fresh tree
 * (no FileState: the analysis' kept tree of the file is untouched).
 */
export function pythonTreeProblem(text: string): string | undefined {
  const tree = parsePython(text);
  if (tree.hasError) return "the parser had to recover";
  const stack: PyNode[] = [tree.root];
  const lineOf = (n: PyNode) => text.slice(0, n.startIndex).split("\n").length;
  while (stack.length) {
    const node = stack.pop()!;
    const problem = nodeProblem(node);
    if (problem) return `line ${lineOf(node)}: ${problem}`;
    for (const c of node.children) stack.push(c);
  }
  return undefined;
}

function nodeProblem(node: PyNode): string | undefined {
  const type = node.type;
  if (PYTHON2.has(type)) return "a Python 2 statement";
  if (
    type === "try_statement" &&
    !node.children.some(
      (c) => c.type === "except_clause" || c.type === "except_group_clause" || c.type === "finally_clause",
    )
  )
    return "'try' without 'except' or 'finally'";
  if (
    type === "import_from_statement" &&
    node.children[node.children.length - 1]?.type === "," &&
    !node.children.some((c) => c.type === "(")
  )
    return "trailing comma in an import without parentheses";
  if (type === "assignment" && node.parent?.type === "assignment" && node.children.some((c) => c.type === ":"))
    return "an annotation inside a chained assignment";
  if (type === "except_clause" && node.children.some((c) => c.type === ",")) return "Python 2 'except X, e'";
  if (type === "argument_list" && POSITIONAL_AFTER.argument_list) {
    let keyword = false;
    let doubleStar = false;
    for (const c of node.children) {
      if (!c.isNamed || c.type === "comment") continue;
      if (c.type === "keyword_argument") keyword = true;
      else if (c.type === "dictionary_splat") doubleStar = true;
      else if (c.type === "list_splat") {
        if (doubleStar) return "'*' argument after '**'";
      } else if (c.type !== "generator_expression" && (keyword || doubleStar))
        return "positional argument follows keyword argument";
    }
  }
  if (type === "parameters" || type === "lambda_parameters") {
    let defaulted = false;
    for (const c of node.children) {
      if (!c.isNamed) continue;
      if (c.type === "default_parameter" || c.type === "typed_default_parameter") defaulted = true;
      else if (
        isSplat(c) ||
        (c.type === "typed_parameter" && c.children.some(isSplat)) ||
        c.type === "keyword_separator"
      )
        break;
      else if ((c.type === "identifier" || c.type === "typed_parameter") && defaulted)
        return "parameter without a default follows one with a default";
    }
  }
  if (type === "return_statement" || type === "yield" || type === "await") {
    const fn = enclosing(
      node,
      (p) => p.type === "function_definition" || p.type === "lambda" || p.type === "class_definition",
    );
    if (type === "await") {
      // Comprehensions inside an async def may await; anything else needs the nearest function to be async.
      if (!fn || fn.type !== "function_definition" || !fn.children.some((c) => c.type === "async"))
        return "'await' outside an async function";
    } else if (!fn || fn.type === "class_definition" || (type === "return_statement" && fn.type === "lambda"))
      return `'${type === "yield" ? "yield" : "return"}' outside a function`;
  }
  if (type === "break_statement" || type === "continue_statement") {
    const scope = enclosing(
      node,
      (p) => LOOPS.has(p.type) || p.type === "function_definition" || p.type === "class_definition",
    );
    if (!scope || !LOOPS.has(scope.type))
      return `'${type === "break_statement" ? "break" : "continue"}' outside a loop`;
  }
  return undefined;
}

function isSplat(n: PyNode): boolean {
  return n.type === "list_splat_pattern" || n.type === "dictionary_splat_pattern";
}

function enclosing(node: PyNode, test: (n: PyNode) => boolean): PyNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (test(p)) return p;
  return undefined;
}
