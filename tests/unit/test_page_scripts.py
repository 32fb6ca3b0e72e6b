"""The scripts Streamlit runs (app.py and pages/): nothing drawn by Streamlit's "magic".

Streamlit writes every bare expression of a script it runs to the page, so a docstring under a
constant in a page file shows as text on the page (as "Session-state key: …" once did on Plan
a phase). Such notes belong beside constants in ui/, which Streamlit imports, not runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [ROOT / "app.py", *sorted(ROOT.glob("pages/*.py"))]


def bare_expressions(path: Path) -> list[str]:
    """'file:line' of each module-level expression statement after the module's docstring."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring: Streamlit's magic skips it
    return [
        f"{path.name}:{node.lineno}"
        for node in body
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call | ast.Await)
    ]


def test_no_page_script_has_a_bare_expression_streamlit_would_draw() -> None:
    assert len(SCRIPTS) > 5
    found = [where for path in SCRIPTS for where in bare_expressions(path)]
    assert not found, found


def test_the_check_finds_a_string_under_a_constant(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text('"""The page."""\n\nKEY = "k"\n"""What KEY holds."""\nprint(KEY)\n')
    assert bare_expressions(script) == ["page.py:4"]
