import asyncio
import os

import aiohttp

URL = os.environ.get("HF_ROUTER", "https://router.huggingface.co") + "/v1/chat/completions"


async def main():
    async with aiohttp.ClientSession() as session:
        async with session.post(URL, json={"model": "mock-model", "messages": []}, headers={"Authorization": "Bearer hf_test"}) as resp:
            resp.raise_for_status()
            data = await resp.json()
            print(data["choices"][0]["message"]["content"])


asyncio.run(main())
