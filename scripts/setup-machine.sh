#!/usr/bin/env bash
# System packages and Python packages the tests use (real programs run against the mock HF API).
# Idempotent: skips what is already there, so a developer can run it too.
set -euo pipefail
export PIP_RETRIES=0
export DEBIAN_FRONTEND=noninteractive
need_apt=()
command -v python3 >/dev/null || need_apt+=(python3 python3-pip)
# A real LSP client besides VS Code, for test/nvim.
command -v nvim >/dev/null || need_apt+=(neovim)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}"
fi

# Real Python programs run against the mock HF API in the tests (quick-fix proofs).
python3 -m pip install -q --disable-pip-version-check huggingface_hub openai requests httpx aiohttp tenacity backoff
