import os

import httpx

URL = os.environ.get("HF_ROUTER", "https://router.huggingface.co") + "/v1/chat/completions"

res = httpx.post(URL, json={"model": "mock-model", "messages": [{"role": "user", "content": "hi"}]}, headers={"Authorization": "Bearer hf_test"})
res.raise_for_status()
print(res.json()["choices"][0]["message"]["content"])
