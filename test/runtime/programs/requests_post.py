import os

import requests

URL = os.environ.get("HF_ROUTER", "https://router.huggingface.co") + "/v1/chat/completions"

res = requests.post(URL, json={"model": "mock-model", "messages": [{"role": "user", "content": "hi"}]}, headers={"Authorization": "Bearer hf_test"}, timeout=30)
res.raise_for_status()
print(res.json()["choices"][0]["message"]["content"])
