"""Stories about the HTML report in a real browser (headless Chromium): what it shows, on a desk, on a
phone and on paper. They skip where no Chromium is installed; CI installs it and requires them."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from bizop_tui.alignment import analyse
from bizop_tui.model import load_model
from bizop_tui.report.summary import grouped, make_review
from browser_helpers import Page, dump_dom, require_chromium, screenshot

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "src" / "bizop_tui" / "templates").glob("*.toml"))
AMAZON = ROOT / "src" / "bizop_tui" / "templates" / "amazon.toml"
TODAY = "2026-11-27"
PHONE = 375

pytestmark = pytest.mark.usefixtures("chromium")


@pytest.fixture(scope="module")
def chromium():
    return require_chromium()


@pytest.fixture
def export(run, tmp_path):
    def export(model: Path | str, name: str = "review.html") -> Path:
        out = tmp_path / name
        result = run("export", str(model), "--format", "html", "-o", str(out), "--today", TODAY)
        assert result.exit_code == 0, result.output
        return out

    return export


def review_of(path: Path):
    model = load_model(str(path))
    return make_review(model, analyse(model, today=dt.date.fromisoformat(TODAY)))


def test_the_page_in_a_browser_shows_the_score_a_finding_and_a_segment_row(export):
    review = review_of(AMAZON)
    page = export(AMAZON)

    dom = dump_dom(page.as_uri())
    text = " ".join(_text(dom).split())

    assert f"{review.alignment.score} /100 alignment score" in text
    first, _ = grouped(review.alignment.findings)[0]
    assert f"▲ Warning {first.rule} line {first.line} At stake: {first.at_stake:,.0f} USD a year" in text
    assert "Decide: " + first.hint.removeprefix("Decide: ").split("(")[0].strip() in text
    segment = review.cost.segments[1]
    assert f"{segment.segment.name} {segment.revenue:,.0f} {segment.cost:,.0f} {segment.margin:,.0f}" in text


def test_the_page_in_a_browser_is_drawn_not_blank(export, tmp_path):
    page = export(AMAZON)

    image = Image.open(screenshot(page.as_uri(), tmp_path / "desk.png", 1280, 1600)).convert("RGB")

    assert image.size == (1280, 1600)
    grey = image.convert("L").histogram()
    pixels = sum(grey)
    assert sum(grey[:100]) / pixels > 0.01, "hardly any dark pixels: no text was drawn"
    assert sum(grey[200:]) / pixels > 0.5, "not mostly light: the page is not black on white"
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert (0x14, 0x3C, 0x73) in colours, "the darkest heat-map shade is missing: the CSS did not apply"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_every_sample_reads_on_a_phone_without_sideways_scrolling(export, sample, tmp_path):
    page = export(sample)

    with Page(PHONE, 800, mobile=True) as tab:
        tab.open(page.as_uri())
        widths = tab.evaluate("""[document.documentElement.scrollWidth, document.documentElement.clientWidth,
            Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))]""")
        shot = tab.screenshot(tmp_path / f"{sample.stem}-phone.png", full_page=True)

    scroll_width, client_width, rightmost = widths
    assert client_width == PHONE
    assert scroll_width <= PHONE, f"{sample.name}: the page is {scroll_width} px wide on a {PHONE} px phone"
    assert rightmost <= PHONE + 0.5, f"{sample.name}: something reaches {rightmost:.0f} px"
    assert Image.open(shot).size[0] == PHONE


def test_the_page_prints_black_on_white_without_navigation_and_keeps_findings_whole(export):
    page = export(AMAZON)

    with Page(1280, 900) as tab:
        tab.open(page.as_uri())
        tab.call("Emulation.setEmulatedMedia", {"media": "print"})
        styles = tab.evaluate("""(() => {
            const style = (selector) => getComputedStyle(document.querySelector(selector));
            return {
                nav: style('nav').display,
                body: [style('body').color, style('body').backgroundColor],
                meta: style('.meta').color,
                finding: style('.finding').breakInside,
                badge: [style('.badge').color, style('.badge').backgroundColor],
                heat: [...document.querySelectorAll('.heat td')].map(td => getComputedStyle(td).color),
            };
        })()""")

    black = "rgb(0, 0, 0)"
    assert styles["nav"] == "none"
    assert styles["body"] == [black, "rgb(255, 255, 255)"]
    assert styles["meta"] == black
    assert styles["finding"] == "avoid"
    assert styles["badge"] == [black, "rgba(0, 0, 0, 0)"]
    assert set(styles["heat"]) == {black}


def test_hostile_names_stay_text_in_the_browser(model_file, export):
    path = model_file("""
        [model]
        name = "<script>alert(1)</script>"
        description = "\\"><img src=x onerror=alert(1)>"

        [[business.customer_segments]]
        id = "seg"
        name = "abc\\u202edef \\u001b]0;T\\u0007"
    """)
    page = export(path)

    with Page(1280, 900) as tab:
        tab.open(page.as_uri())
        found = tab.evaluate("""JSON.stringify({
            title: document.title,
            scripts: document.scripts.length,
            images: document.images.length,
            h1: document.querySelector('h1').innerText,
            description: document.querySelector('.description').innerText,
            text: document.body.innerText,
        })""")
    found = json.loads(found)

    assert found["scripts"] == 0 and found["images"] == 0
    assert found["title"] == "Alignment review: <script>alert(1)</script>"
    assert found["h1"].endswith("<script>alert(1)</script>")
    assert found["description"] == '"><img src=x onerror=alert(1)>'
    assert "abc<U+202E>def ␛]0;T␇" in found["text"]


def _text(dom: str) -> str:
    """The page's text as a browser's DOM holds it (style and title left out)."""

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("style", "title", "script")

        def handle_endtag(self, tag):
            self.hidden -= tag in ("style", "title", "script")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(dom)
    return " ".join(parser.parts)
