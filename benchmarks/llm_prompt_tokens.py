"""Fixed prompt tokens per request, per instructor mode, counted with a real tokenizer (cl100k).

Sends one short article through each mode to the scripted loopback server of the tests and counts
the tokens of everything the request carries (messages, tools, response_format) with the
``bpe-openai`` package (cl100k_base bundled: no download at run time), minus the article's own
tokens. Usage: ``pip install bpe-openai; python benchmarks/llm_prompt_tokens.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import bpe_openai  # noqa: E402
from llm_helpers import llm_settings, make_article, seed_articles  # noqa: E402
from llm_server import seed_responder, serve  # noqa: E402

from factcheck.extract.llm import extract_llm_many  # noqa: E402

ENC = bpe_openai.get_encoding("cl100k_base")


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def request_tokens(request: dict[str, object]) -> int:
    """Message contents plus the tools / response_format payload, as the server's tokenizer sees them."""
    total = 0
    for m in request["messages"]:  # type: ignore[attr-defined]
        total += 4 + tokens(str(m.get("content") or ""))  # ~4 tokens of chat framing per message
    for key in ("tools", "response_format"):
        if request.get(key):
            total += tokens(json.dumps(request[key], ensure_ascii=False))
    return total


def main() -> None:
    long, article = seed_articles()  # 1,710 Arabic words (one part at the default size); English+Arabic
    short = make_article("قال الوزير إن الطريق سيفتتح في مارس.", "short.txt")
    for mode in ("tools", "json_schema", "json", "md_json"):
        for art in (long, article, short):
            with serve(seed_responder()) as srv:
                extract_llm_many([art], llm_settings(srv.url, mode=mode))
                req = srv.requests[0]
            n = tokens(art.text)
            fixed = request_tokens(req) - n
            print(f"{mode:12} {art.input_name:26} article {n:5} fixed {fixed:5} overhead {fixed / n:7.1%}")


if __name__ == "__main__":
    main()
