"""Text from coaches, clients or a model made inert before Streamlit renders it as markdown."""

from __future__ import annotations

_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-!|<>~$"})


def md_escape(text: object) -> str:
    """Every markdown special character backslash-escaped: a name like ``**x**`` stays literal."""
    return str(text).translate(_MARKDOWN_SPECIALS)
