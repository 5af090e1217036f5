from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError
from tenacity import retry, retry_if_exception_type, wait_exponential

client = InferenceClient(bill_to="acme")


# Retries every HfHubHTTPError (402 included), waits without jitter, ignores Retry-After, and never stops.
@retry(retry=retry_if_exception_type(HfHubHTTPError), wait=wait_exponential(multiplier=1, max=30))
def classify(text: str):
    return client.text_classification(text, model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
