"""A Streamlit server on a free local port for as long as a caller needs it: the e2e tests and
the browser bench start the app (and the bench an empty app) the same way.

    with running(command, cwd=ROOT, env=env, url_for=lambda port: ..., log_path=...) as url: ...

``command`` is a function of the chosen port (it returns the argument list); the server is
healthy when ``/_stcore/health`` answers 200. Its output goes to ``log_path``; a server that exits
or is not healthy in ``startup_seconds`` raises ``ServerDidNotStart`` with the log's tail.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

HEADLESS_FLAGS = (
    "--server.headless=true",
    "--server.address=127.0.0.1",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",  # others editing the tree must not reload modules
)
"""What every local test or bench server is started with, besides its port."""
LOG_TAIL_CHARS = 3000


class ServerDidNotStart(RuntimeError):
    """The server exited or did not answer its health check in time (the log's tail says why)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@contextmanager
def running(
    command: Callable[[int], Sequence[str]],
    *,
    cwd: Path,
    env: dict[str, str],
    log_path: Path,
    url_for: Callable[[int], str] = lambda port: f"http://127.0.0.1:{port}",
    startup_seconds: float = 90,
) -> Iterator[str]:
    """Start ``command(port)`` and yield the server's URL once healthy; stop it afterwards."""
    port = free_port()
    url = url_for(port)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            list(command(port)), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + startup_seconds
            while not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text(errors="replace")[-LOG_TAIL_CHARS:]
                    raise ServerDidNotStart(f"{command(port)[:6]} did not start:\n{tail}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
