import os

import requests
from huggingface_hub import InferenceClient

client = InferenceClient(provider="together")
LEGACY = "https://api-inference.huggingface.co/models/facebook/bart-large-cnn"


def summarize(text: str) -> str:
    reply = client.chat_completion(
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
        model="deepseek-ai/DeepSeek-V3",
    )
    return reply.choices[0].message.content


def summarize_legacy(text: str) -> str:
    headers = {"Authorization": f"Bearer {os.environ['HF_TOKEN']}"}
    res = requests.post(LEGACY, headers=headers, json={"inputs": text})
    res.raise_for_status()
    return res.json()[0]["summary_text"]
