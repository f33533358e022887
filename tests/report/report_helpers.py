"""Helpers for the HTML report stories: models as text, reviews of them, and a page taken apart."""

from __future__ import annotations

import datetime as dt
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from bizop_tui.alignment import analyse
from bizop_tui.model import load_model, load_text
from bizop_tui.report.html import render_html
from bizop_tui.report.summary import make_review

TODAY = dt.date(2026, 11, 27)
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "bizop_tui" / "templates"
JUDGEMENT = Path(__file__).resolve().parents[1] / "judgement" / "models"


def review_of_text(text: str, path: str | None = None):
    model = load_text(textwrap.dedent(text).lstrip("\n"), path)
    return make_review(model, analyse(model, today=TODAY))


def review_of_file(path: Path):
    model = load_model(str(path))
    return make_review(model, analyse(model, today=TODAY))


def page_of(review) -> str:
    return render_html(review, TODAY)


class Parsed(HTMLParser):
    """Every start tag (with its attributes) and the text, as a browser's parser would see them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self._skip = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed."""
        return " ".join(" ".join(self.chunks).split())
