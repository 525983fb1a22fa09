"""A loopback server speaking OpenAI's Files and Batches endpoints, for tests (never a real service).

``POST /v1/files`` (multipart upload), ``POST /v1/batches``, ``GET /v1/batches/{id}``,
``GET /v1/files/{id}/content`` and ``POST /v1/chat/completions``. A batch is ``in_progress`` while
``hold`` is set; the first retrieve after that answers every request line with the test's *script*
(as tests/llm_server.py's chat endpoint would), writing 200s to the output file and the rest to the
error file. Chat calls are answered by the same script and kept in ``chat_requests``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from llm_server import Script


class BatchServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.hold = False
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.chat_requests: list[dict[str, Any]] = []
        self.uploads: list[dict[str, str]] = []  # the form fields of each upload (purpose, filename)
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, body: Any) -> None:
                raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                with server._lock:
                    status, body = server._post(self.path, self.headers.get("content-type", ""), raw)
                self._send(status, body)

            def do_GET(self) -> None:
                with server._lock:
                    status, body = server._get(self.path)
                self._send(status, body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    @property
    def chat_calls(self) -> int:
        return len(self.chat_requests)

    def input_lines(self, batch_id: str) -> list[dict[str, Any]]:
        data = self.files[self.batches[batch_id]["input_file_id"]].decode("utf-8")
        return [json.loads(line) for line in data.splitlines() if line.strip()]

    def _file(self, data: bytes, purpose: str, name: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": 0, "filename": name,
                "purpose": purpose, "status": "processed"}  # fmt: skip

    def _post(self, path: str, content_type: str, raw: bytes) -> tuple[int, Any]:
        if path.endswith("/files"):
            form = BytesParser(policy=HTTP).parsebytes(f"content-type: {content_type}\r\n\r\n".encode() + raw)
            fields = {p.get_param("name", header="content-disposition"): p for p in form.iter_parts()}
            purpose = str(fields["purpose"].get_content()).strip()
            upload = fields["file"]
            self.uploads.append({"purpose": purpose, "filename": str(upload.get_filename())})
            return 200, self._file(upload.get_payload(decode=True), purpose, str(upload.get_filename()))
        body = json.loads(raw or b"{}")
        if path.endswith("/batches"):
            if body.get("input_file_id") not in self.files:
                return 404, {"error": {"message": "no such file"}}
            batch_id = f"batch_{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "errors": None,
                "input_file_id": body["input_file_id"], "completion_window": body["completion_window"],
                "status": "in_progress", "output_file_id": None, "error_file_id": None, "created_at": 0,
            }  # fmt: skip
            return 200, self.batches[batch_id]
        if path.endswith("/chat/completions"):
            self.chat_requests.append(body)
            reply = self.script(body)
            return reply.status, reply.body
        return 404, {"error": {"message": f"no route {path}"}}

    def _get(self, path: str) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[1] == "batches" and parts[2] in self.batches:
            batch = self.batches[parts[2]]
            if batch["status"] == "in_progress" and not self.hold:
                self._run(batch)
            return 200, batch
        if len(parts) == 4 and parts[1] == "files" and parts[3] == "content" and parts[2] in self.files:
            return 200, self.files[parts[2]]
        return 404, {"error": {"message": f"no route {path}"}}

    def _run(self, batch: dict[str, Any]) -> None:
        out, err = [], []
        for i, line in enumerate(self.input_lines(batch["id"])):
            reply = self.script(line["body"])
            response = {"status_code": reply.status, "request_id": f"req_{i}", "body": reply.body}
            record = {"id": f"batch_req_{i}", "custom_id": line["custom_id"], "response": response, "error": None}
            (out if reply.status == 200 else err).append(json.dumps(record, ensure_ascii=False))
        if out:
            batch["output_file_id"] = self._file(("\n".join(out) + "\n").encode(), "batch_output", "out.jsonl")["id"]
        if err:
            batch["error_file_id"] = self._file(("\n".join(err) + "\n").encode(), "batch_output", "err.jsonl")["id"]
        batch["status"] = "completed"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serve_batches(script: Script) -> Iterator[BatchServer]:
    server = BatchServer(script)
    server.thread.start()
    try:
        yield server
    finally:
        server.stop()
