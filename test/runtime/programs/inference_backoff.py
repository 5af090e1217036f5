import os

import backoff
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError

client = InferenceClient(base_url=os.environ.get("HF_ROUTER", "https://router.huggingface.co/v1"), api_key="hf_test")


def payment_required(err):
    return err.response.status_code == 402


@backoff.on_exception(backoff.expo, HfHubHTTPError, max_tries=5, giveup=payment_required)
def ask():
    return client.chat_completion(messages=[{"role": "user", "content": "hi"}], model="mock-model")


print(ask().choices[0].message.content)
