// The text prefilter (fileKinds.ts: mayMatter) decides which files are parsed at all. For Python files the words
// naming a library, an HF client or a token count only in code: a file that names them only in comments or
// docstrings is not parsed. Words of hand-written retries count anywhere, and so do nothing the analysis could
// find is lost: strings code can use, f-strings, and the method names of calls on imported clients still count.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mayMatter } from "../../server/src/analysis/fileKinds";

const py = (text: string) => mayMatter(text, "python");

test("a Python file naming HF only in comments or docstrings is not parsed", () => {
  assert.equal(py("# Uses the HF token from the environment\nimport os\nprint(os.getcwd())\n"), false);
  assert.equal(py('#!/usr/bin/env python\n"""Helpers for Hugging Face models."""\nimport os\n'), false);
  assert.equal(py("def f(x):\n    '''Wraps the OpenAI answer.'''  # see hf docs\n    return x\n"), false);
  assert.equal(py('class A:\n    r"""Raw docstring about HF."""\n\n    x = 1\n'), false);
});

test("a Python file naming HF in code is parsed, wherever the code is", () => {
  assert.equal(py('URL = "https://router.huggingface.co/v1"\n'), true);
  assert.equal(py("from huggingface_hub import InferenceClient\n"), true);
  // A string inside brackets is an argument, not a docstring, even alone on its line.
  assert.equal(py('x = call(\n    "hf-inference",\n)\n'), true);
  // A string after an assignment's `=` is its value.
  assert.equal(py('def f():\n    token = \\\n"hf_abc"\n'), true);
  // An f-string statement runs the code in its fields.
  assert.equal(py('def f():\n    f"{hf_client.close()}"\n'), true);
  // A `#` inside a string starts no comment.
  assert.equal(py('x = "#"; import huggingface_hub\n'), true);
  assert.equal(py("x = 1  # a comment\nimport openai\n"), true);
  // An unterminated triple-quoted string is not taken for a docstring: the rest may be code to the parser.
  assert.equal(py('def f():\n    """docs\nimport huggingface_hub\n'), true);
});

test("words of hand-written retries count in a docstring", () => {
  assert.equal(
    py('def call(fn):\n    """Retry fn up to three times."""\n    for _ in range(3):\n        fn()\n'),
    true,
  );
});

test("a call on a client imported from another module needs no other word in code", () => {
  assert.equal(py("from .config import client  # the HF client\n\nclient.text_generation('hi')\n"), true);
  assert.equal(py("from .config import make  # HF\n\nmake().chat.completions.create(model='m')\n"), true);
});

test("JS/TS files and notebooks keep the plain word test", () => {
  assert.equal(mayMatter("// uses the HF token\nconsole.log(1);\n", "js"), true);
  assert.equal(mayMatter("# HF\nimport os\n", "notebook"), true);
  assert.equal(mayMatter("import os\n", "python"), false);
});
