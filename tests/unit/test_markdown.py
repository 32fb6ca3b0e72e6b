"""User text is shown as typed: no markdown, shortcode, autolink, bidi override or plotly tag acts."""

from __future__ import annotations

import pandas as pd

from ui.markdown import WORD_JOINER, md_escape, plot_text
from ui.program_view import PLANNED, timeline


def test_shortcodes_links_and_emails_stay_text() -> None:
    assert md_escape(":material/home: hi") == f":{WORD_JOINER}material/home: hi"
    assert md_escape(":red[alarm]") == f":{WORD_JOINER}red\\[alarm\\]"
    assert md_escape("see https://evil.example/x") == f"see https:{WORD_JOINER}//evil.example/x"
    assert md_escape("WWW.evil.example") == "WWW\\.evil.example"
    assert md_escape("bob@evil.example") == "bob\\@evil.example"


def test_ordinary_text_keeps_its_colons_and_dots() -> None:
    assert md_escape("Note: 12:30, 82.5 kg") == "Note: 12:30, 82.5 kg"


def test_bidi_overrides_are_dropped() -> None:
    spoof = "Bob\u202eevil\u202c \u2066x\u2069"
    assert md_escape(spoof) == "Bobevil x"
    assert plot_text(spoof) == "Bobevil x"


def test_plotly_labels_show_tags_literally() -> None:
    assert plot_text('<a href="x">go</a> & <b>b</b>') == (
        '&lt;a href="x"&gt;go&lt;/a&gt; &amp; &lt;b&gt;b&lt;/b&gt;'
    )


def test_the_timeline_escapes_phase_and_macrocycle_names() -> None:
    phases = pd.DataFrame(
        {
            "#": [1],
            "Macrocycle": ["<b>Meet</b>"],
            "Phase": ['<a href="https://evil.example">Strength</a>'],
            "Weeks": [4],
            "Start": [pd.Timestamp("2026-12-07").date()],
            "End": [pd.Timestamp("2027-01-03").date()],
            "Status": [PLANNED],
        }
    )
    drawn = timeline(phases)
    [row] = drawn.rows
    assert row.name == md_escape("<b>Meet</b>")
    [bar] = row.bars
    assert md_escape('<a href="https://evil.example">Strength</a> (4 wk)') in bar.text
    assert "<a" not in bar.text.replace("\\<a", "")


def test_md_escape_makes_every_markdown_special_literal() -> None:
    assert md_escape("**a** [b](c) #d `e` <f>") == r"\*\*a\*\* \[b\]\(c\) \#d \`e\` \<f\>"
    assert md_escape("plain words, 12.5 kg") == "plain words, 12.5 kg"
