import random
import time

from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError

client = InferenceClient(bill_to="acme")


def caption(image: bytes) -> str:
    for attempt in range(5):
        try:
            return client.image_to_text(image).generated_text
        except HfHubHTTPError as err:
            status = err.response.status_code
            if status != 429 or attempt == 4:
                raise
            retry_after = err.response.headers.get("retry-after")
            time.sleep(float(retry_after) if retry_after else random.uniform(0, min(60, 2**attempt)))
    raise RuntimeError("unreachable")
