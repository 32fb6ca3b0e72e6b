"""Writes (or checks) the committed JSON Schema of the open plan format from the domain models.

python -m tools.plan_schema          # rewrite docs/plan-format/v1.schema.json
python -m tools.plan_schema --check  # exit 1 if the committed file differs from the models
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.delivery.plan_json import schema_text

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "plan-format" / "v1.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        same = SCHEMA_PATH.is_file() and SCHEMA_PATH.read_text(encoding="utf-8") == text
        print(f"{SCHEMA_PATH.name}: " + ("up to date" if same else "differs from the models"))
        return 0 if same else 1
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
