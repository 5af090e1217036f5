import asyncio
import os

from huggingface_hub import AsyncInferenceClient

client = AsyncInferenceClient(base_url=os.environ.get("HF_ROUTER", "https://router.huggingface.co/v1"), api_key="hf_test")


async def main():
    reply = await client.chat_completion(messages=[{"role": "user", "content": "hi"}], model="mock-model")
    print(reply.choices[0].message.content)


asyncio.run(main())
