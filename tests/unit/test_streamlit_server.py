"""tools.streamlit_server: a server that exits before it is healthy is reported with its log."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tools import streamlit_server


def test_a_server_that_exits_raises_with_its_log_tail(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    exits = [sys.executable, "-c", "print('port taken'); raise SystemExit(3)"]
    server = streamlit_server.running(lambda port: exits, cwd=tmp_path, env={}, log_path=log)
    with pytest.raises(streamlit_server.ServerDidNotStart, match="port taken"), server:
        pytest.fail("yielded a URL for a server that never answered")


def test_free_ports_are_local_and_usable() -> None:
    port = streamlit_server.free_port()
    assert 1024 <= port <= 65535
    assert not streamlit_server.healthy(f"http://127.0.0.1:{port}")
