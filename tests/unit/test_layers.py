"""The house's layers, checked on the source: core is pure, db knows no screen, nothing imports up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each package may not import (its own top-level name or a module of the layers above it).
FORBIDDEN = {
    "core": {"streamlit", "plotly", "db", "ui", "pages", "bootstrap", "cli", "tools", "bench"},
    "db": {"streamlit", "plotly", "ui", "pages", "bootstrap", "cli", "tools", "bench"},
    "ui": {"pages", "cli", "tools", "bench", "db"},
}
# Sign-in reads coach accounts from db.accounts directly (accounts are not client data and have no
# port yet); every other screen reaches the database through the Storage port only.
# the sign-in edge: the page (login) and the server routes (session cookie) reach the accounts
ALLOWED = {"ui/login.py imports db", "ui/session_routes.py imports db"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_package_imports_a_layer_above_it(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert len(files) > 5
    crossing = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in _imports(path) & FORBIDDEN[package]
    }
    assert crossing - ALLOWED == set()


def test_no_private_streamlit_attribute_is_touched() -> None:
    sources = [
        path.read_text(encoding="utf-8")
        for folder in ("ui", "pages")
        for path in (ROOT / folder).rglob("*.py")
    ] + [(ROOT / "app.py").read_text(encoding="utf-8")]
    assert not [s for s in sources if "streamlit.runtime" in s or "PagesManager" in s]
