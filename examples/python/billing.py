"""Team usage is billed to the acme organization."""
from openai import OpenAI

router = OpenAI(
    base_url="https://router.huggingface.co/v1",
    default_headers={"X-HF-Bill-To": "acme"},
)


def draft(prompt: str) -> str:
    # The OpenAI SDK retries 429s twice and honours Retry-After by itself.
    reply = router.chat.completions.create(
        model="meta-llama/Llama-3.1-8B-Instruct",
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.choices[0].message.content
