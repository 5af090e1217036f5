import os

import tenacity  # noqa: F401  (the project depends on tenacity: the HF001 fix offers a tenacity variant)
from huggingface_hub import InferenceClient

client = InferenceClient(base_url=os.environ.get("HF_ROUTER", "https://router.huggingface.co/v1"), api_key="hf_test")
reply = client.chat_completion(messages=[{"role": "user", "content": "hi"}], model="mock-model")
print(reply.choices[0].message.content)
