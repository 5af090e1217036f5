// The text prefilter (prefilter.ts: mayMatter) decides which files are parsed at all. A file is parsed only when
// it holds what a frontend needs to find something: a library's module named in code together with what its
// profile says a use needs (a class or function the frontend knows, or an HF host or token), the method name of a
// call on a client imported from another file, a word of a hand-written retry, or bill-to evidence. In Python,
// modules, names and method names count only in code (not in comments, docstrings or strings); hosts and token
// names count in strings too. test/unit/prefilterSoundness.test.ts proves over every fixture that nothing is lost.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mayMatter } from "../../server/src/analysis/prefilter";

const py = (text: string) => mayMatter(text, "python");
const js = (text: string) => mayMatter(text, "js");

test("a Python file naming HF only in comments, docstrings or strings is not parsed", () => {
  assert.equal(py("# Uses the HF token from the environment\nimport os\nprint(os.getcwd())\n"), false);
  assert.equal(py('#!/usr/bin/env python\n"""Helpers for Hugging Face models."""\nimport os\n'), false);
  assert.equal(py("def f(x):\n    '''Wraps the OpenAI answer.'''  # see hf docs\n    return x\n"), false);
  // A docstring's example imports nothing.
  assert.equal(
    py('def f():\n    """\n    >>> from huggingface_hub import InferenceClient\n    """\n    return 1\n'),
    false,
  );
  // A module's name in a string (a logger, a library name) is not an import.
  assert.equal(py('import logging\nlogger = logging.getLogger("huggingface_hub")\nNAME = "InferenceClient"\n'), false);
});

test("a library's module alone is not enough when its profile needs one of its names", () => {
  assert.equal(py("from huggingface_hub import constants\nprint(constants.ENDPOINT)\n"), false);
  assert.equal(py("from huggingface_hub import InferenceClient\n"), true);
  assert.equal(py("import huggingface_hub as hh\nhh.hf_hub_download('gpt2', 'config.json')\n"), true);
  assert.equal(py("from huggingface_hub import InferenceClient as IC\n\nc = IC()\n"), true);
  assert.equal(py("from huggingface_hub import inference\n\nc = inference._client.InferenceClient()\n"), true);
  // HF's own sources import their classes relatively, which the analyzer does not resolve to the library.
  assert.equal(
    py("from huggingface_hub.errors import HfHubHTTPError\nfrom .hf_api import HfApi\n\napi = HfApi()\n"),
    false,
  );
  assert.equal(py("from haystack import Pipeline\np = Pipeline()\n"), false);
  // An f-string's fields are code.
  assert.equal(py('import huggingface_hub\nprint(f"{huggingface_hub.whoami()}")\n'), true);
  // A name without its module cannot be the library's (a class of the user's own with the same name).
  assert.equal(py("class InferenceClient:\n    pass\n"), false);
});

test("a generic HTTP client or SDK needs an HF host or an HF token", () => {
  assert.equal(py("import requests\nrequests.get('https://example.com/api')\n"), false);
  assert.equal(py("import requests\nrequests.post('https://router.huggingface.co/v1/chat/completions')\n"), true);
  assert.equal(
    py("import os, httpx\nhttpx.post(URL, headers={'Authorization': f\"Bearer {os.environ['HF_TOKEN']}\"})\n"),
    true,
  );
  assert.equal(py("import httpx\nhttpx.post(URL, headers={'Authorization': f'Bearer {API_KEY}'})\n"), false);
  assert.equal(py("from openai import OpenAI\nc = OpenAI()\n"), false);
  assert.equal(py("from openai import OpenAI\nc = OpenAI(base_url='https://router.huggingface.co/v1')\n"), true);
  // The host in a comment is no destination.
  assert.equal(py("import requests  # talks to huggingface.co\nrequests.get(URL)\n"), false);
});

test("a call on a client imported from another file is parsed by its method name, in code", () => {
  assert.equal(py("from .config import client  # the HF client\n\nclient.text_generation('hi')\n"), true);
  assert.equal(py("from .config import make\n\nmake().chat.completions.create(model='m')\n"), true);
  assert.equal(py("from .config import client\n\n# client.text_generation('hi')\nclient.close()\n"), false);
});

test("a retry helper, written here or imported, and bill-to evidence are parsed", () => {
  // Where the helper is written: its retry words.
  assert.equal(
    py(
      "import time\n\ndef call(fn):\n    for i in range(3):\n        try:\n            return fn()\n        except Exception:\n            time.sleep(2 ** i)\n",
    ),
    true,
  );
  // Where it is imported: the call it wraps is on an imported client.
  assert.equal(
    py(
      "from .util import with_backoff\nfrom .config import client\n\nwith_backoff(lambda: client.chat_completion([]))\n",
    ),
    true,
  );
  assert.equal(py('params = {"bill_to": "acme"}\n'), true);
});

test("Python retry words count only where some function may call the operation it is handed", () => {
  // Sleeping in a function that calls none of its parameters retries nothing a call could be handed to.
  assert.equal(py("import time\n\ndef pause(seconds):\n    time.sleep(seconds)\n"), false);
  // A parameter named in a docstring, called as a method or defined as a function is not a call of it.
  assert.equal(
    py(
      'import time\n\ndef pause(fn, items):\n    """fn (callable): retried."""\n    items.copy()\n    time.sleep(1)\n',
    ),
    false,
  );
  // Handed on to a wrapper that calls it (python/helpers.ts callsAny) counts.
  assert.equal(
    py(
      "import time\n\ndef again(fn):\n    for _ in range(3):\n        try:\n            return limiter.run(fn)\n        except Exception:\n            time.sleep(1)\n",
    ),
    true,
  );
  // A call inside an f-string's field is code.
  assert.equal(py('import time\n\ndef again(op):\n    print(f"{op()}")\n    time.sleep(1)\n'), true);
});

test("JS/TS: a library's module specifier, with a host or token when its profile needs one", () => {
  assert.equal(js("/** Calls Hugging Face models. */\nexport const answer = 42;\n"), false);
  assert.equal(js('import { InferenceClient } from "@huggingface/inference";\n'), true);
  assert.equal(js('const { listModels } = require("@huggingface/hub");\n'), true);
  assert.equal(
    js('import OpenAI from "openai";\nconst c = new OpenAI({ baseURL: "https://api.openai.com/v1" });\n'),
    false,
  );
  assert.equal(
    js('import OpenAI from "openai";\nconst c = new OpenAI({ baseURL: "https://router.huggingface.co/v1" });\n'),
    true,
  );
  assert.equal(js('await fetch("https://example.com/x");\n'), false);
  assert.equal(js("await fetch(`https://huggingface.co/api/models/${id}`);\n"), true);
  assert.equal(js("await fetch(url, { headers: { Authorization: `Bearer ${process.env.HF_TOKEN}` } });\n"), true);
  // The library's name in prose is not its specifier.
  assert.equal(js("// We used to call openai here, see huggingface.co docs\nexport {};\n"), false);
});

test("JS/TS: imported clients and retry helpers", () => {
  assert.equal(js('import { hf } from "./client";\nawait hf.chatCompletion({ model: "m", messages: [] });\n'), true);
  assert.equal(
    js(
      'import { withRetry } from "./retry";\nimport { hf } from "./client";\nawait withRetry(() => hf.textGeneration({}));\n',
    ),
    true,
  );
  assert.equal(
    js(
      "export async function again(fn) {\n  for (;;) {\n    try { return await fn(); } catch { await new Promise((r) => setTimeout(r, 1000)); }\n  }\n}\n",
    ),
    true,
  );
  assert.equal(js('export const headers = { "X-HF-Bill-To": "acme" };\n'), true);
});

test("a file with no word at all is skipped in every language", () => {
  assert.equal(py("import os\n"), false);
  assert.equal(js("export const x = 1;\n"), false);
  assert.equal(mayMatter("import os\n", "notebook"), false);
});
