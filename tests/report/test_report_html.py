"""Stories about the HTML report (`bizop export --format html`), read as a page: what a person sees,
in which order, and that nothing in a model can turn into markup or reach the network."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.report.html import PALETTE, PRINT_PALETTE, heat_level, hint_html
from bizop_tui.report.summary import grouped
from report_helpers import JUDGEMENT, TEMPLATES, Parsed, page_of, review_of_file, review_of_text

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
TITLE_ESCAPE = "\x1b]0;T\x07"
RIGHT_TO_LEFT = "abc\u202edef"

HOSTILE_MODEL = r'''
[model]
name = "<script>alert(1)</script>"
description = "\"><img src=x onerror=alert(1)>\nline two \u001b]0;T\u0007"
currency = "<b>EUR</b>"

[[business.customer_segments]]
id = "seg"
name = "abc\u202edef"

[[business.value_propositions]]
id = "vp"
name = "\"><img src=x onerror=alert(1)>"
segments = ["seg"]

[[business.revenue_streams]]
id = "rs"
name = "\u001b]0;T\u0007 fees"
segments = ["seg"]
supports = ["vp"]
amount = 1000

[[operating.processes]]
id = "p"
name = "<script>alert(1)</script> process"
supports = ["vp", "rs"]
cost = 400
'''

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "nav", "main", "footer", "section",
                "article", "h1", "h2", "h3", "p", "span", "strong", "code", "ul", "li", "a", "table", "caption",
                "thead", "tbody", "tr", "th", "td", "abbr", "dl", "dt", "dd", "div"}


@pytest.fixture(scope="module")
def amazon():
    return review_of_file(TEMPLATES / "amazon.toml")


@pytest.fixture(scope="module")
def ikea():
    return review_of_file(JUDGEMENT / "ikea.toml")


def test_the_page_stands_alone_and_asks_the_network_for_nothing(amazon):
    page = page_of(amazon)

    assert page.startswith("<!DOCTYPE html>")
    for reach_out in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "http://", "https://"):
        assert reach_out not in page.lower(), reach_out
    hrefs = [attrs["href"] for tag, attrs in Parsed(page).tags if "href" in attrs]
    assert hrefs and all(href.startswith("#") for href in hrefs)
    # Even a slip in escaping could not run a script or fetch anything: the page forbids both.
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in page


def test_hostile_names_descriptions_and_file_names_are_shown_as_text_never_as_markup():
    review = review_of_text(HOSTILE_MODEL, path=f'/tmp/{ATTRIBUTE}\x1b[31m.toml')
    page = page_of(review)
    parsed = Parsed(page)

    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    assert not [attrs for _, attrs in parsed.tags if any(name.startswith("on") for name in attrs)]
    for literal in (SCRIPT, ATTRIBUTE, "<b>EUR</b>"):
        assert literal in parsed.text, literal
    # Controls and direction overrides become visible stand-ins; none reaches the page raw.
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in page
    assert "␛]0;T␇" in parsed.text
    assert "abc<U+202E>def" in parsed.text
    assert f"/tmp/{ATTRIBUTE}␛[31m.toml" in parsed.text
    assert f"<title>Alignment review: {SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}</title>" in page


def test_the_score_and_every_sub_score_are_shown_with_weight_and_detail(amazon):
    text = Parsed(page_of(amazon)).text

    assert f"{amazon.alignment.score} /100 alignment score" in text
    for sub in amazon.alignment.subscores:
        assert f"{sub.title} {sub.value} {sub.weight} {sub.passed} of {sub.total} checks pass" in text


def test_a_model_too_empty_to_judge_says_no_score_yet_and_why():
    review = review_of_text('[model]\nname = "Just started"\n')
    text = Parsed(page_of(review)).text

    assert review.alignment.score is None
    assert "No score yet" in text
    assert review.alignment.verdict[:1].upper() + review.alignment.verdict[1:] in text
    assert "Promises delivered – 30 nothing to check" in text
    assert "/100" not in text


def test_findings_come_errors_first_then_by_money_at_stake_each_with_its_decision(amazon):
    page = page_of(amazon)
    articles = re.findall(r'<article class="finding (\w+)">(.*?)</article>', page, re.S)
    roots = [f for f, _ in grouped(amazon.alignment.findings)]

    assert [sev for sev, _ in articles] == [f.severity for f in roots]
    order = [ERROR, WARNING, INFO]
    assert [order.index(s) for s, _ in articles] == sorted(order.index(s) for s, _ in articles)
    stakes = [f.at_stake or 0 for f in roots if f.severity == WARNING]
    assert stakes == sorted(stakes, reverse=True) and stakes[0] > 0
    for (severity, body), finding in zip(articles, roots):
        text = Parsed(body).text
        assert f"{finding.rule}" in text
        assert {"error": "✖ Error", "warning": "▲ Warning", "info": "• Info"}[severity] in text
        if finding.hint.startswith("Decide: "):
            assert "Decide:" in text
    first = Parsed(articles[0][1]).text
    assert f"At stake: {roots[0].at_stake:,.0f} USD a year" in first
    assert " ".join(roots[0].hint.split()[:6]) in first


def test_a_consequence_is_listed_under_the_finding_it_follows_from_not_on_its_own():
    consulting = review_of_file(TEMPLATES / "consulting-firm.toml")
    page = page_of(consulting)
    children = [(root, kids) for root, kids in grouped(consulting.alignment.findings) if kids]
    assert children, "the consulting sample has a finding that follows from another"

    root, kids = children[0]
    articles = re.findall(r"<article .*?</article>", page, re.S)
    home = [a for a in articles if f">{root.rule}<" in a and "Follows from this" in a]
    assert len(home) == 1
    for kid in kids:
        assert f">{kid.rule}<" in home[0]
        assert sum(f">{kid.rule}<" in a for a in articles) == 1  # not a finding of its own as well


def test_the_coverage_heat_map_labels_every_cell_with_its_number(amazon):
    page = page_of(amazon)
    table = page.split('<table class="heat">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)

    assert len(rows) == len([r for r in amazon.coverage if r.total])
    for row, coverage in zip(rows, [r for r in amazon.coverage if r.total]):
        cells = re.findall(r'<td class="num heat(\d)"[^>]*>([^<]*)</td>', row)
        level = heat_level(coverage.supported, coverage.total)
        assert cells[0] == (str(level), f"{coverage.supported}/{coverage.total}")
        assert [label for _, label in cells[1:]] == [str(n) for n in coverage.reached]
        assert [int(level) for level, _ in cells[1:]] == [heat_level(n, coverage.total) for n in coverage.reached]
    text = Parsed(page).text
    assert "Org Organisation" in text and "Supp Suppliers" in text  # the short headings explained
    assert "none up to a third up to two thirds more than two thirds all" in text  # the shades in words


def test_the_shade_of_a_cell_follows_the_share_of_its_block():
    assert [heat_level(n, 6) for n in range(7)] == [0, 1, 1, 2, 2, 3, 4]
    assert heat_level(0, 0) == 0
    assert heat_level(1, 1) == 4


def test_revenue_and_cost_to_serve_show_for_each_segment_with_losses_said_in_words(ikea):
    text = Parsed(page_of(ikea)).text
    families = next(r for r in ikea.cost.segments if r.margin < 0)

    assert "Revenue and cost to serve by segment" in text
    assert (f"{families.segment.name} {families.revenue:,.0f} {families.cost:,.0f} "
            f"−{-families.margin:,.0f} (loss)") in text
    assert f"Not allocated to any segment: {ikea.cost.unallocated_total:,.0f} EUR" in text


def test_a_model_without_amounts_has_no_money_section_and_no_link_to_one():
    review = review_of_text('''
        [model]
        name = "No money"
        [[business.customer_segments]]
        id = "s"
        name = "Someone"
    ''')
    page = page_of(review)

    assert 'id="money"' not in page and 'href="#money"' not in page


def test_the_lifecycle_lists_what_is_external_a_bet_or_being_retired(ikea):
    text = Parsed(page_of(ikea)).text

    assert "Delivered outside this model (external), 1 entry Assembly, mounting and small jobs" in text
    assert "Bets (explorations: investment, not waste), 1 entry Furniture rental pilot team" in text
    assert "9,000,000 EUR a year" in text
    assert "Being retired, 2 entries Printed catalogue and brochure mailings (channel)" in text
    assert "No entry is planned." in text


@pytest.mark.parametrize("palette", [PALETTE, PRINT_PALETTE], ids=["screen", "print"])
def test_every_colour_pair_on_screen_and_paper_has_a_contrast_of_at_least_4_5_to_1(palette):
    for name, (text, background) in palette.items():
        assert contrast(text, background) >= 4.5, f"{name}: {text} on {background}"


def test_the_page_uses_only_the_checked_colours_for_text_on_a_background(amazon):
    css = page_of(amazon).split("<style>", 1)[1].split("</style>", 1)[0]
    checked = {c for pair in [*PALETTE.values(), *PRINT_PALETTE.values()] for c in pair}
    # A few colours only draw borders (of findings); no text is written in them.
    borders = {"#b7791f", "#5b7db1", "#555", "#000", "#fff"}
    used = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", css))
    assert used <= checked | borders, used - checked - borders


def test_a_hint_shows_its_decision_in_bold_and_what_to_write_as_code():
    html = hint_html('Decide: who collects it? Add  supports = ["rs-<x>"]  to the billing process.')
    assert html == ('<strong>Decide:</strong> who collects it? Add <code>supports = [&quot;rs-&lt;x&gt;&quot;]</code> '
                    "to the billing process.")
    assert hint_html("Check it is still true, then set  reviewed = 2026-11-27") == (
        "<strong>Hint:</strong> Check it is still true, then set <code>reviewed = 2026-11-27</code> ")


def test_the_html_report_never_imports_textual():
    probe = "import sys, bizop_tui.report.html\nprint(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
