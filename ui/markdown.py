"""Text from coaches, clients or a model made inert before Streamlit renders it as markdown, or
plotly draws it (plotly reads ``<b>``, ``<a href>`` and ``<br>`` in labels)."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-!|<>~$@"})
# Bidirectional overrides and isolates: they reorder what follows ("Bob" shown as "boB").
_BIDI_CONTROLS = str.maketrans(dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# A colon that could open a shortcode (":material/home:", ":red[x]", ":smile:") or a link scheme
# ("https://"): a word joiner after it breaks the pattern and shows nothing. "12:30" and "Note: x"
# are left alone.
_COLON_BEFORE_WORD = re.compile(r":(?=[^\s\d])")
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)  # "www.example.com" would become a link
WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """Every markdown special character escaped, no shortcode, autolink or bidi override left:
    a name like ``**x**``, ``:material/home:`` or ``https://x.example`` stays literal text."""
    escaped = str(text).translate(_BIDI_CONTROLS).translate(_MARKDOWN_SPECIALS)
    escaped = _WWW.sub(r"\1\\.", escaped)
    return _COLON_BEFORE_WORD.sub(":" + WORD_JOINER, escaped)


def plot_text(text: object) -> str:
    """Text for a plotly label or tick: its HTML-like tags shown, never followed."""
    return (
        str(text)
        .translate(_BIDI_CONTROLS)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )
