"""A scripted loopback server speaking OpenAI's /v1/chat/completions, for tests (never a real LLM).

Each test gives a *script*: a function from the request body to a ``Reply`` (status, headers, body,
optional delay). Helpers build well-formed chat completions for any instructor mode (tool calls
when the request offers tools, message content otherwise) and a *seed responder* that answers
from the hand-written test doubles in tests/data/llm/, sending for each chunk only the items whose
quotes occur in that chunk (as a model reading only that chunk would).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from factcheck.text.grounding import locate

DATA = Path(__file__).parent / "data" / "llm"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str -> sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0  # seconds between the body's bytes: a server that answers, but slowly


Script = Callable[[dict[str, Any]], Reply]


class LLMServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.headers.append(dict(self.headers))
                if not self.path.endswith("/chat/completions"):
                    reply = Reply(404, {"error": {"message": f"no route {self.path}"}})
                else:
                    try:
                        reply = server.script(body)
                    except Exception as err:  # a broken script must show up in the test, not hang it
                        reply = Reply(500, {"error": {"message": f"script error: {err!r}"}})
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body, ensure_ascii=False)
                raw = data.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if reply.drip:
                        for i in range(len(raw)):
                            self.wfile.write(raw[i : i + 1])
                            self.wfile.flush()
                            time.sleep(reply.drip)
                    else:
                        self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def start(self) -> LLMServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serve(script: Script) -> Iterator[LLMServer]:
    server = LLMServer(script).start()
    try:
        yield server
    finally:
        server.stop()


# --- building replies ------------------------------------------------------------------------------


def completion(
    request: dict[str, Any],
    payload: dict[str, Any] | str,
    *,
    prompt_tokens: int = 1000,
    completion_tokens: int = 200,
    finish_reason: str = "stop",
) -> Reply:
    """A chat completion carrying ``payload`` the way the request's mode expects it."""
    content = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}],
        }
    else:
        message = {"role": "assistant", "content": content}
    return Reply(
        200,
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": request.get("model", "test-model"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
    )


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "test", "code": status}}, headers or {})


def sequence(*steps: Script) -> Script:
    """Answer the n-th request with the n-th step (the last step repeats)."""
    count = {"n": 0}
    lock = threading.Lock()

    def script(request: dict[str, Any]) -> Reply:
        with lock:
            i = min(count["n"], len(steps) - 1)
            count["n"] += 1
        return steps[i](request)

    return script


def article_in(request: dict[str, Any]) -> str:
    """The text of the first user message (metadata + the article chunk between its markers)."""
    for message in request["messages"]:
        if message["role"] == "user":
            return str(message["content"])
    raise AssertionError("no user message in the request")


def article_text(request: dict[str, Any]) -> str:
    """Only the article text the request carries (between its boundary markers)."""
    user = article_in(request)
    match = re.search(r"<<<(ARTICLE-[0-9a-f]+)\n(.*)\n\1>>>", user, re.DOTALL)
    if match is None:
        raise AssertionError("no article markers in the request")
    return match.group(2)


def seed_answer(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))["answer"]
    return data


def answer_for_chunk(answer: dict[str, Any], text: str) -> dict[str, Any]:
    """The items of a whole-article answer whose quotes occur in ``text``, with references kept valid."""
    claims = [c for c in answer["claims"] if locate(text, c["quote"]) is not None]
    claim_ids = {c["id"] for c in claims}
    counters = []
    for x in answer["counters"]:
        if locate(text, x["quote"]) is not None:
            counters.append({**x, "targets": [t for t in x["targets"] if t in claim_ids]})

    def grounded_or_none(quote: str | None) -> str | None:
        return quote if quote and locate(text, quote) is not None else None

    claims = [{**c, "sourcing_quote": grounded_or_none(c.get("sourcing_quote"))} for c in claims]
    used: set[str] = set()
    for c in claims:
        used.update(r for r in (c.get("claimant"), c.get("reported_by"), c.get("about"), *c.get("based_on", [])) if r)
    used.update(x["speaker"] for x in counters if x.get("speaker"))
    sources = [s for s in answer["sources"] if s["id"] in used]
    return {"sources": sources, "claims": claims, "counters": counters}


def seed_responder(*names: str, **completion_kwargs: Any) -> Script:
    """Answer each chunk from the test double of the seed it belongs to (most quotes found)."""
    answers = [seed_answer(n) for n in names or ("seed_000.json", "seed_002.json")]

    def script(request: dict[str, Any]) -> Reply:
        text = article_in(request)
        candidates = [answer_for_chunk(a, text) for a in answers]
        best = max(candidates, key=lambda a: len(a["claims"]) + len(a["counters"]))
        return completion(request, best, **completion_kwargs)

    return script
