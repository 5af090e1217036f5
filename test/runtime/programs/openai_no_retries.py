import os

from openai import OpenAI

client = OpenAI(base_url=os.environ.get("HF_ROUTER", "https://router.huggingface.co") + "/v1", api_key="hf_test", max_retries=0)
reply = client.chat.completions.create(model="mock-model", messages=[{"role": "user", "content": "hi"}])
print(reply.choices[0].message.content)
