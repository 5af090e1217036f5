import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

session = requests.Session()
# Looks safe, but Retry's default allowed_methods leave out POST: inference calls are never retried.
session.mount("https://", HTTPAdapter(max_retries=Retry(total=5, status_forcelist=[429, 503], backoff_factor=1)))


def embed(sentences: list[str]) -> list[list[float]]:
    res = session.post(
        "https://router.huggingface.co/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction",
        json={"inputs": sentences},
    )
    res.raise_for_status()
    return res.json()
