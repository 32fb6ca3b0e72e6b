"""A fake OpenAI-compatible chat-completions server on 127.0.0.1 for tests: scripted, recorded, offline.

The real ``openai`` SDK talks to it over HTTP, so the wire format (request body, strict
``response_format``, status codes, retries, timeouts) is exercised for real. Responses come from a
FIFO queue (``enqueue``) or, when the queue is empty, from a ``responder(request)`` callable, which
suits concurrent callers whose order is not fixed. Nothing here reaches the internet.

    with FakeOpenAIServer() as fake:
        fake.enqueue(status(429), content({"weeks": []}))
        client = openai.OpenAI(base_url=fake.url, api_key="test-key", max_retries=2)
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from core.dates import WEEKDAY_NAMES
from core.schemas import Microcycle


@dataclass(frozen=True)
class FakeResponse:
    """One scripted answer: a chat completion (``message``/``finish_reason``) or a raw status."""

    status: int = 200
    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    error_body: dict[str, Any] | None = None


def content(value: Any, finish_reason: str = "stop", delay: float = 0.0) -> FakeResponse:
    """An assistant message whose content is ``value`` (JSON-encoded unless already a string)."""
    text = value if isinstance(value, str) else json.dumps(value)
    return FakeResponse(content=text, finish_reason=finish_reason, delay=delay)


def malformed(text: str = '{"week_number": 1, "workouts": [') -> FakeResponse:
    """Content that is not valid JSON."""
    return FakeResponse(content=text)


def refusal(text: str = "I'm sorry, I can't help with that.") -> FakeResponse:
    return FakeResponse(refusal=text)


def finish(reason: str, text: str = '{"week_number": 1, "work') -> FakeResponse:
    """A completion stopped for ``reason`` ("length", "content_filter")."""
    return FakeResponse(content=text, finish_reason=reason)


def status(code: int, message: str | None = None, retry_after_ms: int | None = 1) -> FakeResponse:
    """An HTTP error; a tiny ``retry-after-ms`` keeps the SDK's retries fast in tests."""
    headers = {} if retry_after_ms is None else {"retry-after-ms": str(retry_after_ms)}
    body = {
        "error": {
            "message": message or f"fake error {code}",
            "type": "fake_error",
            "param": None,
            "code": None,
        }
    }
    return FakeResponse(status=code, headers=headers, error_body=body)


def delayed(response: FakeResponse, seconds: float) -> FakeResponse:
    """``response`` sent only after ``seconds`` (for timeouts)."""
    return FakeResponse(**{**response.__dict__, "delay": seconds})


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    def text(self, role: str | None = None) -> str:
        """All message contents (of one role, if given), joined: handy for ``in`` assertions."""
        return "\n".join(
            str(message.get("content", ""))
            for message in self.messages
            if role is None or message.get("role") == role
        )

    @property
    def response_format(self) -> dict[str, Any] | None:
        return self.body.get("response_format")


Responder = Callable[[RecordedRequest], FakeResponse]
CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")


class FakeOpenAIServer:
    """Threaded HTTP server on an ephemeral port; context manager, start/stop, records requests."""

    def __init__(self, responder: Responder | None = None, latency: float = 0.0) -> None:
        self.responder = responder
        self.latency = latency
        """Fixed delay added to every answer (simulates model latency)."""
        self.requests: list[RecordedRequest] = []
        self.max_in_flight = 0
        self._queue: deque[FakeResponse] = deque()
        self._lock = threading.Lock()
        self._in_flight = 0
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting --

    def enqueue(self, *responses: FakeResponse) -> None:
        with self._lock:
            self._queue.extend(responses)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    @property
    def url(self) -> str:
        """Base URL for the SDK (``…/v1``)."""
        if self._server is None:
            raise RuntimeError("the fake server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [request for request in self.requests if request.path in CHAT_PATHS]

    # -- lifecycle --

    def start(self) -> FakeOpenAIServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},  # quick shutdown between tests
            name="fake-openai",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- serving --

    def _next_response(self, request: RecordedRequest) -> FakeResponse:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(request)
        return status(500, "fake server: no scripted response left", retry_after_ms=None)

    def _enter(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _wait(self, seconds: float) -> None:
        # Interruptible, so stopping the server never waits for a scripted delay.
        if seconds > 0:
            self._stopping.wait(seconds)


def completion_body(response: FakeResponse, model: str, serial: int) -> dict[str, Any]:
    message: dict[str, Any] = {
        "role": "assistant",
        "content": response.content,
        "refusal": response.refusal,
    }
    return {
        "id": f"chatcmpl-fake-{serial}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": response.finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _handler_for(fake: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # silence stderr
            return

        def do_GET(self) -> None:
            self._send_json(404, {"error": {"message": "not found", "type": "fake_error"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                body = {"_raw": raw.decode("utf-8", "replace")}
            path = self.path.split("?", 1)[0]
            request = RecordedRequest("POST", path, dict(self.headers.items()), body)
            with fake._lock:
                fake.requests.append(request)
                serial = len(fake.requests)
            if path not in CHAT_PATHS:
                self._send_json(404, {"error": {"message": f"no route {path}", "type": "fake"}})
                return
            fake._enter()
            try:
                response = fake._next_response(request)
                fake._wait(fake.latency + response.delay)
                if fake._stopping.is_set():
                    return
                if response.status != 200:
                    self._send_json(response.status, response.error_body or {}, response.headers)
                else:
                    model = str(body.get("model", "fake-model"))
                    self._send_json(200, completion_body(response, model, serial), response.headers)
            finally:
                fake._leave()

        def _send_json(
            self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("x-request-id", "req_fake")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

    return Handler


def serve(responder: Responder | None = None, latency: float = 0.0) -> Iterator[FakeOpenAIServer]:
    """Generator form for a pytest fixture: ``yield from serve()``."""
    with FakeOpenAIServer(responder, latency) as fake:
        yield fake


def draft_from_microcycle(micro: Microcycle) -> dict[str, object]:
    """An LLM-shaped answer carrying exactly what the offline engine wrote for that week."""
    return {
        "week_number": micro.week_number,
        "metrics": [pair.model_dump() for pair in micro.metrics],
        "workouts": [
            {
                "weekday": WEEKDAY_NAMES[w.date.weekday()],
                "session_type": w.session_type.value,
                "title": w.title,
                "blocks": [
                    {
                        "label": block.label,
                        "exercises": [
                            e.model_dump(by_alias=False, mode="json") for e in block.exercises
                        ],
                    }
                    for block in w.blocks
                ],
                "targets": [pair.model_dump() for pair in w.targets],
                "planned_minutes": w.planned_minutes,
                "target_rpe": w.target_rpe,
                "notes": w.notes,
            }
            for w in micro.workouts
        ],
    }


def draft_exercise(name: str = "Back Squat", **overrides: object) -> dict[str, object]:
    """One exercise as a drafter answer carries it (every field present, snake_case)."""
    values: dict[str, object] = {
        "name": name,
        "sets": 4,
        "reps": 6,
        "reps_max": 8,
        "load_kg": None,
        "pct_one_rm": 75,
        "rpe": None,
        "rir": 2,
        "rest_seconds": 180,
        "duration_minutes": None,
        "distance_km": None,
        "notes": "brace",
        "rationale": "Main lift, kept all block.",
    }
    values.update(overrides)
    return values
