"""Printable training sheets (PDF, fpdf2): a week or a whole block, boxes to write what was done.

Black on white only (it is printed and photocopied), A4 or US Letter. Per session: a heading (day,
title, minutes, target RPE), then one row per exercise with the prescription in the client's units
and one empty box per set for the reps × load done, then boxes for the session's RPE and minutes.

Text is set in DejaVu Sans when the machine has it (any script a client's name or note is written
in, a character it lacks printed as ?); without it, in the PDF core font Helvetica, which holds
Latin-1 only, so other characters are first folded to their closest Latin-1 form (é stays, Ł
becomes L, 李 becomes ?).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from core.delivery.prescription import distance_text, effort_text, load_text, reps_text
from core.schemas import ClientProfile, Exercise, WorkoutInstance

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/local/share/fonts/dejavu"),
)
MIN_BOXES, MAX_BOXES = 3, 8
"""Set boxes per session row: enough to write in, few enough to fit across the page."""


class Paper(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class SheetWeek:
    """One week to print: its heading and its sessions."""

    heading: str
    workouts: Sequence[WorkoutInstance]


def dejavu_dir() -> Path | None:
    """Where DejaVu Sans (regular and bold) is, or None."""
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSans-Bold.ttf").is_file():
            return folder
    return None


def to_latin1(text: str) -> str:
    """Text the core fonts can show: accents kept where Latin-1 has them, else the base letter."""
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base or _SPECIAL.get(char, "?"))
    return "".join(out)


_SPECIAL = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "–": "-", "—": "-"}
_SPECIAL |= {"‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "×": "x", "•": "-"}


class _Sheet(FPDF):
    def __init__(self, paper: Paper, title: str, fonts: Path | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper.value)
        self.sheet_title = title
        self.unicode = fonts is not None
        self.glyphs: set[int] = set()
        if fonts is not None:
            self.add_font("DejaVu", "", fonts / "DejaVuSans.ttf")
            self.add_font("DejaVu", "B", fonts / "DejaVuSans-Bold.ttf")
            self.family = "DejaVu"
            regular, bold = self.fonts["dejavu"], self.fonts["dejavuB"]
            self.glyphs = set(getattr(regular, "cmap", {})) & set(getattr(bold, "cmap", {}))
        else:
            self.family = "Helvetica"
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(auto=True, margin=14)
        self.set_title(self.safe(title))
        self.set_creator("Periodize")

    def safe(self, value: str) -> str:
        """What the font can draw: a character it has no glyph for becomes '?' here, rather than
        a blank in the PDF and a line naming the character (client data) in fpdf2's log."""
        if not self.unicode:
            return to_latin1(value)
        return "".join(c if ord(c) in self.glyphs or c in "\n\t" else "?" for c in value)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.family, "", 7)
        self.cell(0, 5, self.safe(f"{self.sheet_title} · page {self.page_no()}"), align="C")


def _dose(exercise: Exercise, profile: ClientProfile) -> str:
    reps = reps_text(exercise)
    if reps:
        dose = f"{exercise.sets} × {reps}"
    elif exercise.duration_minutes is not None:
        dose = f"{exercise.sets} × {exercise.duration_minutes:g} min"
    else:
        dose = f"{exercise.sets} × {distance_text(exercise, profile.units)}"
    if reps and exercise.duration_minutes is not None:
        dose += f", {exercise.duration_minutes:g} min"
    if exercise.distance_km is not None and (reps or exercise.duration_minutes is not None):
        dose += f", {distance_text(exercise, profile.units)}"
    return dose


def _session(pdf: _Sheet, workout: WorkoutInstance, profile: ClientProfile) -> None:
    exercises = workout.exercises
    details = [workout.session_type.value]
    if workout.planned_minutes:
        details.append(f"{workout.planned_minutes} min")
    if workout.target_rpe:
        details.append(f"target RPE {workout.target_rpe:g}")
    pdf.set_font(pdf.family, "B", 10)
    pdf.multi_cell(
        0,
        6,
        pdf.safe(f"{workout.date:%a %d %b} · {workout.title} ({', '.join(details)})"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if workout.notes:
        pdf.set_font(pdf.family, "", 8)
        pdf.multi_cell(0, 4, pdf.safe(f"Notes: {workout.notes}"), new_x="LMARGIN", new_y="NEXT")
    if not exercises:
        pdf.ln(2)
        return
    boxes = min(MAX_BOXES, max(MIN_BOXES, max(exercise.sets for exercise in exercises)))
    pdf.set_font(pdf.family, "", 8)
    headings = ["Exercise", "Sets × reps", "Load", "Effort", "Rest"]
    widths = [34, 16, 14, 10, 9] + [10] * boxes
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=4.2, padding=1, headings_style=bold
    ) as table:
        header = table.row()
        for heading in headings:
            header.cell(pdf.safe(heading))
        for number in range(1, boxes + 1):
            header.cell(f"Set {number}", align="CENTER")
        for exercise in exercises:
            row = table.row(min_height=8)
            row.cell(pdf.safe(exercise.name))
            row.cell(pdf.safe(_dose(exercise, profile)))
            row.cell(pdf.safe(load_text(exercise, profile.units)))
            row.cell(effort_text(exercise))
            row.cell(f"{exercise.rest_seconds}s" if exercise.rest_seconds else "")
            for number in range(1, boxes + 1):
                # A box past the prescribed sets is struck through, so it is not filled by mistake.
                row.cell(
                    "" if number <= exercise.sets else "—" if pdf.unicode else "-", align="CENTER"
                )
            if exercise.notes:
                notes = table.row()
                notes.cell(
                    pdf.safe(f"↳ {exercise.notes}" if pdf.unicode else f"> {exercise.notes}"),
                    colspan=5 + boxes,
                )
        last = table.row(min_height=8)
        last.cell("Session RPE:", colspan=2)
        last.cell("Minutes:", colspan=3)
        last.cell("How it went:", colspan=boxes)
    pdf.ln(4)


def sheets_pdf(
    profile: ClientProfile,
    title: str,
    weeks: Sequence[SheetWeek],
    paper: Paper = Paper.A4,
    *,
    fonts: Path | None = None,
    unicode_fonts: bool = True,
) -> bytes:
    """The weeks as a PDF, each week from a new page. ``fonts``: a folder with DejaVuSans.ttf and
    DejaVuSans-Bold.ttf (found on the machine when None); ``unicode_fonts=False`` forces the core
    font and its Latin-1 text."""
    folder = (fonts or dejavu_dir()) if unicode_fonts else None
    pdf = _Sheet(paper, f"{profile.name} · {title}", folder)
    for week in weeks:
        pdf.add_page()
        pdf.set_font(pdf.family, "B", 13)
        pdf.multi_cell(0, 7, pdf.safe(f"{profile.name} · {title}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 10)
        pdf.multi_cell(0, 6, pdf.safe(week.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        if not week.workouts:
            pdf.multi_cell(0, 6, "No sessions this week.", new_x="LMARGIN", new_y="NEXT")
        for workout in sorted(week.workouts, key=lambda w: w.date):
            _session(pdf, workout, profile)
    return bytes(pdf.output())
