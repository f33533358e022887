"""`bizop export --format html`: the review as one self-contained web page, for people who don't use terminals.

One file, no scripts, no fonts or pictures from anywhere: it opens from a mail attachment or a shared
folder, offline, and its Content-Security-Policy forbids scripts and outside requests outright. Every
piece of user text (and every message that quotes it) goes through `html.escape`, after control and
direction characters became visible stand-ins. Severity reads from the mark and the word, never from
colour alone; the coverage heat map shows its numbers; every colour pair keeps a contrast of 4.5:1 or
more (PALETTE, checked by a test).
"""

from __future__ import annotations

import datetime as dt
import html

from bizop_tui import __version__
from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.model.vocabulary import BET, EXTERNAL, OPERATING_DIMENSIONS, PLANNED, RETIRING
from bizop_tui.report.summary import (
    LIFECYCLE,
    LIFECYCLE_TITLES,
    SHORT_DIMENSION,
    Review,
    counts_line,
    grouped,
    money_text,
    plural,
    score_text,
    subscore_detail,
)

SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "•"}
SEVERITY_WORD = {ERROR: "Error", WARNING: "Warning", INFO: "Info"}
SEVERITY_TITLE = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}

# (text, background) for every coloured thing on screen and on paper; a test checks each for 4.5:1.
PALETTE = {
    "page": ("#1b1f24", "#ffffff"),
    "muted": ("#4b5563", "#ffffff"),
    "link": ("#0b5cad", "#ffffff"),
    "loss": ("#9a1c1f", "#ffffff"),
    "code": ("#1b1f24", "#eef0f3"),
    "error": ("#ffffff", "#a4161a"),
    "warning": ("#4a3200", "#ffe39a"),
    "info": ("#0b3d91", "#e3eefc"),
    "empty": ("#4b5563", "#f7f7f8"),
    # The heat map, by the share of a block's entries a dimension reaches: none, up to a third,
    # up to two thirds, more, all.
    "heat0": ("#374151", "#f3f4f6"),
    "heat1": ("#0b2545", "#dbe9f7"),
    "heat2": ("#0b2545", "#9cc3eb"),
    "heat3": ("#ffffff", "#2f6db5"),
    "heat4": ("#ffffff", "#143c73"),
}
# On paper: black on white and greys, so a printer that drops colour or backgrounds loses nothing.
PRINT_PALETTE = {
    "heat0": ("#000000", "#ffffff"),
    "heat1": ("#000000", "#eeeeee"),
    "heat2": ("#000000", "#d6d6d6"),
    "heat3": ("#000000", "#b8b8b8"),
    "heat4": ("#000000", "#9a9a9a"),
}
HEAT_WORDS = ("none", "up to a third", "up to two thirds", "more than two thirds", "all")


def _esc(text: str) -> str:
    """User text for one line of a page: stand-ins for control characters, then escaped."""
    return html.escape(one_line(text), quote=True)


def _esc_block(text: str) -> str:
    """User text that may keep its line breaks (shown by CSS), escaped."""
    return html.escape(visible_text(text), quote=True)


def heat_level(reached: int, total: int) -> int:
    """0-4: none, up to a third, up to two thirds, more than two thirds, all of a block's entries."""
    if total <= 0 or reached <= 0:
        return 0
    if reached >= total:
        return 4
    share = reached / total
    return 1 if share <= 1 / 3 else 2 if share <= 2 / 3 else 3


def render_html(review: Review, as_of: dt.date | None = None) -> str:
    model = review.model
    as_of = as_of or dt.date.today()
    sections = [
        _score_section(review),
        _coverage_section(review),
        _findings_section(review),
        _money_section(review),
        _lifecycle_section(review),
    ]
    nav = "".join(f'<li><a href="#{anchor}">{title}</a></li>' for anchor, title in _NAV
                  if anchor != "money" or _has_money(review))
    head = [f"<h1><span class=\"kicker\">Alignment review</span> {_esc(model.name)}</h1>"]
    if model.description:
        head.append(f'<p class="description">{_esc_block(model.description)}</p>')
    source = f"{_esc(model.path)} · " if model.path else ""
    head.append(f'<p class="meta">{source}{plural(len(model), "entry", "entries")} · judged as of '
                f"{as_of.isoformat()}</p>")
    return _PAGE.format(
        title=_esc(f"Alignment review: {model.name}"),
        css=_css(),
        header="\n".join(head),
        nav=nav,
        body="\n".join(s for s in sections if s),
        version=html.escape(__version__),
    )


_NAV = (("score", "Score"), ("coverage", "Coverage"), ("findings", "Findings"), ("money", "Money"),
        ("lifecycle", "Lifecycle"))


def _score_section(review: Review) -> str:
    alignment = review.alignment
    score = alignment.score
    if score is None:
        big = '<p class="score no-score"><span class="value">No score yet</span></p>'
    else:
        big = (f'<p class="score"><span class="value">{score}</span><span class="of">/100</span> '
               f'<span class="label">alignment score</span></p>')
    parts = ['<section id="score">', "<h2>Score</h2>", '<div class="summary">', big,
             f'<p class="counts">{html.escape(counts_line(alignment))}</p>', "</div>"]
    if alignment.verdict:
        verdict = alignment.verdict[:1].upper() + alignment.verdict[1:]
        parts.append(f'<p class="verdict">{_esc(verdict)}.</p>')
    parts += ['<table class="subscores">', "<caption>Sub-scores (0-100; the score is their weighted mean)</caption>",
              '<thead><tr><th scope="col">Sub-score</th><th scope="col" class="num">Value</th>'
              '<th scope="col" class="bar-col"><span class="sr">Bar</span></th>'
              '<th scope="col" class="num">Weight</th><th scope="col" class="col-detail">Detail</th></tr></thead>',
              "<tbody>"]
    for sub in alignment.subscores:
        if sub.value is None:
            value, bar = "–", '<span class="bar empty"></span>'
        else:
            value = str(sub.value)
            bar = f'<span class="bar"><span class="fill" style="width:{sub.value}%"></span></span>'
        parts.append(f'<tr><th scope="row">{html.escape(sub.title)}</th><td class="num value">{value}</td>'
                     f'<td class="bar-col" aria-hidden="true">{bar}</td><td class="num">{sub.weight}</td>'
                     f'<td class="detail">{html.escape(subscore_detail(sub))}</td></tr>')
    parts += ["</tbody></table>", "</section>"]
    return "\n".join(parts)


def _coverage_section(review: Review) -> str:
    dims = OPERATING_DIMENSIONS
    parts = ['<section id="coverage">', "<h2>Coverage</h2>",
             "<p>How many of each block's entries each operating dimension reaches (directly or along a chain "
             "of supports). The shade shows the share of the block: darker is more.</p>",
             '<table class="heat">', "<thead><tr>", '<th scope="col">Block</th>',
             '<th scope="col" class="num">Supported</th>']
    parts += [f'<th scope="col" class="num"><abbr title="{html.escape(d.title)}">{SHORT_DIMENSION[d.key]}</abbr></th>'
              for d in dims]
    parts += ["</tr></thead>", "<tbody>"]
    for row in review.coverage:
        title = html.escape(row.block.title)
        if row.total == 0:
            parts.append(f'<tr class="no-entries"><th scope="row">{title}</th>'
                         f'<td colspan="{len(dims) + 1}" class="none">no entries</td></tr>')
            continue
        cells = [f'<tr><th scope="row">{title}</th>',
                 f'<td class="num heat{heat_level(row.supported, row.total)}" '
                 f'title="{row.supported} of {row.total} supported">{row.supported}/{row.total}</td>']
        for dim, n in zip(dims, row.reached):
            tip = f"{dim.title}: {n} of {row.total} {row.block.title.lower()}"
            cells.append(f'<td class="num heat{heat_level(n, row.total)}" title="{html.escape(tip)}">{n}</td>')
        parts.append("".join(cells) + "</tr>")
    parts += ["</tbody></table>", '<dl class="legend">']
    parts += [f"<div><dt>{SHORT_DIMENSION[d.key]}</dt><dd>{html.escape(d.title)}</dd></div>" for d in dims]
    parts += ["</dl>", '<p class="scale">Shade, by the share of the block reached: ']
    parts += [f'<span class="swatch heat{i}">{word}</span> ' for i, word in enumerate(HEAT_WORDS)]
    parts += ["</p>", "</section>"]
    return "\n".join(parts)


def _findings_section(review: Review) -> str:
    alignment = review.alignment
    parts = ['<section id="findings">', "<h2>Findings</h2>"]
    if not alignment.findings:
        parts.append("<p>No findings: the operating model supports every promise.</p>"
                     if alignment.score is not None else "<p>No findings.</p>")
    currency = review.model.currency
    for severity in (ERROR, WARNING, INFO):
        roots = [(f, kids) for f, kids in grouped(alignment.findings) if f.severity == severity]
        if not roots:
            continue
        count = len(alignment.by_severity(severity))
        order = ", most money at stake first" if severity != INFO and any(f.at_stake for f, _ in roots) else ""
        mark = f'<span aria-hidden="true">{SEVERITY_MARK[severity]}</span>'
        parts.append(f'<h3 class="severity-heading {severity}">{mark} {SEVERITY_TITLE[severity]} ({count}){order}</h3>')
        parts += [_finding(f, kids, currency) for f, kids in roots]
    parts.append("</section>")
    return "\n".join(parts)


def _finding(finding: Finding, children: list[Finding], currency: str) -> str:
    sev = finding.severity
    head = [f'<span class="badge {sev}">{SEVERITY_MARK[sev]} {SEVERITY_WORD[sev]}</span>',
            f'<code class="rule">{_esc(finding.rule)}</code>']
    if finding.line:
        head.append(f'<span class="where">line {finding.line}</span>')
    if finding.at_stake:
        head.append(f'<span class="stake">At stake: {_esc(money_text(finding.at_stake, currency))} a year</span>')
    parts = [f'<article class="finding {sev}">', f'<p class="head">{" ".join(head)}</p>',
             f'<p class="message">{_esc_block(_sentence(finding.message))}</p>']
    if finding.hint:
        parts.append(f'<p class="hint">{hint_html(finding.hint)}</p>')
    if children:
        parts.append(f'<div class="children"><p>Follows from this ({len(children)}):</p><ul>')
        for child in children:
            mark = f'<span class="mark">{SEVERITY_MARK[child.severity]} {SEVERITY_WORD[child.severity]}</span>'
            where = f' <span class="where">line {child.line}</span>' if child.line else ""
            parts.append(f'<li>{mark} <code class="rule">{_esc(child.rule)}</code>{where}: '
                         f"{_esc_block(child.message)}</li>")
        parts.append("</ul></div>")
    parts.append("</article>")
    return "\n".join(parts)


def _sentence(message: str) -> str:
    """A finding's message as a sentence on its own: a capital first letter ('revenue stream ...')."""
    return message[:1].upper() + message[1:] if message[:1].islower() else message


def hint_html(hint: str) -> str:
    """A hint as the page shows it: 'Decide:' (or 'Hint:') in bold, and the TOML to write as code.

    Hints set what to write apart with two spaces ('Add  supports = ["x"]  to ...'): each such part is code.
    """
    text = visible_text(hint)
    label = "Hint:"
    if text.startswith("Decide: "):
        label, text = "Decide:", text.removeprefix("Decide: ")
    pieces = text.split("  ")
    out = [f"<strong>{label}</strong> "]
    for i, piece in enumerate(pieces):
        escaped = html.escape(piece.strip() if i % 2 else piece, quote=True)
        out.append(f" <code>{escaped}</code> " if i % 2 and piece.strip() else escaped)
    return "".join(out).replace("  ", " ")


def _has_money(review: Review) -> bool:
    return review.cost is not None and bool(review.cost.source)


def _money_section(review: Review) -> str:
    if not _has_money(review):
        return ""
    cost = review.cost
    currency = _esc(review.model.currency) or "the model's currency"
    parts = ['<section id="money">', "<h2>Revenue and cost to serve by segment</h2>",
             f"<p>A year, in {currency}; the {html.escape(cost.source)} are allocated along the links down to "
             "the segments they serve.</p>",
             '<table class="money">', '<thead><tr><th scope="col">Segment</th><th scope="col" class="num">Revenue</th>'
             '<th scope="col" class="num">Cost to serve</th><th scope="col" class="num">Margin</th></tr></thead>',
             "<tbody>"]
    for row in cost.segments:
        margin = f"{row.margin:,.0f}".replace("-", "−")
        if row.margin < 0:
            margin = f'<span class="loss">{margin} (loss)</span>'
        parts.append(f'<tr><th scope="row">{_esc(row.segment.name)}</th>'
                     f'<td class="num" data-label="Revenue">{row.revenue:,.0f}</td>'
                     f'<td class="num" data-label="Cost to serve">{row.cost:,.0f}</td>'
                     f'<td class="num" data-label="Margin">{margin}</td></tr>')
    parts += ["</tbody></table>"]
    if cost.unallocated_total:
        parts.append(f'<p class="unallocated">Not allocated to any segment: '
                     f"{_esc(money_text(cost.unallocated_total, review.model.currency))} "
                     f"(of {_esc(money_text(cost.total, review.model.currency))}): costs whose chain of "
                     "supports ends before it reaches a segment.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _lifecycle_section(review: Review) -> str:
    parts = ['<section id="lifecycle">', "<h2>Lifecycle</h2>"]
    currency = review.model.currency
    empty = []
    for status in LIFECYCLE:
        entries = review.lifecycle.get(status, [])
        if not entries:
            empty.append(status)
            continue
        parts.append(f"<h3>{html.escape(LIFECYCLE_TITLES[status])}, {plural(len(entries), 'entry', 'entries')}</h3>")
        parts.append("<ul>")
        for entry in entries:
            amount = entry.cost if entry.cost else entry.amount if entry.block.key == "cost_structure" else None
            money = f": {_esc(money_text(amount, currency))} a year" if amount else ""
            noun = f'<span class="noun">({html.escape(entry.block.noun)})</span>'
            parts.append(f"<li>{_esc(entry.name)} {noun}{money}</li>")
        parts.append("</ul>")
    if empty:
        words = [_NONE_WORDS.get(status, status) for status in empty]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        parts.append(f'<p class="none">No entry is {listed}.</p>')
    parts.append("</section>")
    return "\n".join(parts)


_NONE_WORDS = {EXTERNAL: "external", BET: "a bet", RETIRING: "being retired", PLANNED: "planned"}


def _css() -> str:
    p, pp = PALETTE, PRINT_PALETTE
    heat = "\n".join(f".heat{i} {{ color: {p[f'heat{i}'][0]}; background: {p[f'heat{i}'][1]}; }}" for i in range(5))
    print_heat = "\n".join(f"  .heat{i} {{ color: {pp[f'heat{i}'][0]}; background: {pp[f'heat{i}'][1]}; }}"
                           for i in range(5))
    return _CSS.format(
        text=p["page"][0], bg=p["page"][1], muted=p["muted"][0], link=p["link"][0], loss=p["loss"][0],
        code_fg=p["code"][0], code_bg=p["code"][1],
        err_fg=p["error"][0], err_bg=p["error"][1], warn_fg=p["warning"][0], warn_bg=p["warning"][1],
        info_fg=p["info"][0], info_bg=p["info"][1], empty_fg=p["empty"][0], empty_bg=p["empty"][1],
        heat=heat, print_heat=print_heat,
    )


_CSS = """
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; color: {text}; background: {bg}; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }}
main, header.page, nav, footer {{ max-width: 60rem; margin: 0 auto; padding: 0 1rem; }}
header.page {{ padding-top: 1.5rem; }}
h1 {{ font-size: 1.75rem; line-height: 1.2; margin: 0 0 .5rem; overflow-wrap: anywhere; }}
h1 .kicker {{ display: block; font-size: .9rem; font-weight: 600; color: {muted}; text-transform: uppercase;
  letter-spacing: .06em; }}
h2 {{ font-size: 1.35rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid {text}; }}
h3 {{ font-size: 1.1rem; margin: 1.5rem 0 .5rem; }}
p, li, dd {{ overflow-wrap: anywhere; }}
a {{ color: {link}; }}
code {{ font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em;
  color: {code_fg}; background: {code_bg}; padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }}
.description {{ white-space: pre-line; max-width: 48rem; margin: .5rem 0; }}
.meta, .counts, .detail, .noun, .where, .legend, .scale, .unallocated, .none, caption, footer {{ color: {muted}; }}
.meta {{ font-size: .9rem; margin: .25rem 0 0; overflow-wrap: anywhere; }}
.sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
nav ul {{ list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: .75rem 0 0; margin: 0; }}
nav a {{ font-weight: 600; }}
.summary {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; }}
.score {{ margin: 0; }}
.score .value {{ font-size: 3.25rem; font-weight: 700; line-height: 1; }}
.score.no-score .value {{ font-size: 2rem; }}
.score .of {{ font-size: 1.25rem; font-weight: 600; color: {muted}; }}
.score .label {{ display: block; font-size: .9rem; color: {muted}; }}
.counts {{ margin: 0; }}
.verdict {{ font-weight: 600; }}
table {{ border-collapse: collapse; margin: .5rem 0; }}
caption {{ text-align: left; font-size: .9rem; padding-bottom: .25rem; }}
th, td {{ padding: .3rem .5rem; text-align: left; vertical-align: top; }}
thead th {{ border-bottom: 1px solid {text}; font-size: .9rem; }}
tbody th {{ font-weight: 600; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.subscores {{ width: 100%; }}
.subscores tbody tr + tr > * {{ border-top: 1px solid {code_bg}; }}
.subscores .value {{ font-weight: 700; }}
.subscores tbody th {{ white-space: nowrap; }}
.bar-col {{ width: 30%; vertical-align: middle; }}
.bar {{ display: block; height: .75rem; border: 1px solid {text}; background: {bg}; }}
.bar.empty {{ border-style: dashed; border-color: {muted}; }}
.bar .fill {{ display: block; height: 100%; background: {text}; }}
.heat th, .heat td {{ border: 1px solid {bg}; }}
.heat td {{ min-width: 2.6rem; font-weight: 600; text-align: center; }}
.heat abbr {{ text-decoration: none; }}
.heat tr.no-entries td {{ text-align: center; font-weight: 400; color: {empty_fg}; background: {empty_bg}; }}
{heat}
.legend {{ display: flex; flex-wrap: wrap; gap: .1rem 1rem; font-size: .85rem; margin: .5rem 0; }}
.legend div {{ display: flex; gap: .3rem; }}
.legend dt {{ font-weight: 700; }}
.legend dd {{ margin: 0; }}
.scale {{ font-size: .85rem; line-height: 2; }}
.swatch {{ padding: .1rem .4rem; white-space: nowrap; border: 1px solid {code_bg}; }}
.severity-heading {{ margin-top: 1.75rem; }}
.finding {{ border: 1px solid {code_bg}; border-left: .4rem solid {text}; padding: .5rem .85rem; margin: .75rem 0;
  break-inside: avoid; page-break-inside: avoid; }}
.finding.error {{ border-left-color: {err_bg}; }}
.finding.warning {{ border-left-color: #b7791f; }}
.finding.info {{ border-left-color: #5b7db1; }}
.finding p {{ margin: .3rem 0; }}
.finding .head {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; }}
.badge {{ font-weight: 700; font-size: .85rem; padding: .05rem .45rem; border-radius: 3px; white-space: nowrap; }}
.badge.error {{ color: {err_fg}; background: {err_bg}; }}
.badge.warning {{ color: {warn_fg}; background: {warn_bg}; }}
.badge.info {{ color: {info_fg}; background: {info_bg}; }}
.stake {{ font-weight: 700; }}
.message {{ white-space: pre-line; }}
.hint strong {{ font-weight: 700; }}
.children {{ border-top: 1px dashed {muted}; margin-top: .5rem; padding-top: .25rem; font-size: .95rem; }}
.children ul {{ margin: .25rem 0; padding-left: 1.25rem; }}
.children .mark {{ font-weight: 600; white-space: nowrap; }}
.money {{ width: 100%; }}
.money td {{ white-space: nowrap; }}
.money tbody tr + tr > * {{ border-top: 1px solid {code_bg}; }}
.loss {{ color: {loss}; font-weight: 700; }}
#lifecycle ul {{ padding-left: 1.25rem; }}
footer {{ margin-top: 3rem; padding-bottom: 2rem; font-size: .85rem; }}
footer p {{ border-top: 1px solid {code_bg}; padding-top: .5rem; }}
@media (max-width: 40rem) {{
  h1 {{ font-size: 1.45rem; }}
  .score .value {{ font-size: 2.75rem; }}
  th, td {{ padding: .25rem .3rem; }}
  .subscores .detail, .subscores .col-detail {{ display: none; }}
  .subscores .bar-col {{ width: 25%; }}
  .heat {{ width: 100%; font-size: .85rem; }}
  .heat th, .heat td {{ padding: .25rem .2rem; }}
  .heat td {{ min-width: 0; }}
  .heat thead th.num {{ writing-mode: vertical-rl; transform: rotate(180deg); text-align: left;
    vertical-align: bottom; }}
  .heat tbody th {{ hyphens: auto; }}
  .money thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
  .money tr, .money th, .money td {{ display: block; }}
  .money tbody tr {{ padding: .4rem 0; }}
  .money tbody tr + tr > * {{ border-top: 0; }}
  .money tbody tr + tr {{ border-top: 1px solid {code_bg}; }}
  .money td {{ display: flex; justify-content: space-between; gap: 1rem; }}
  .money td::before {{ content: attr(data-label); color: {muted}; font-weight: 400; }}
}}
@media print {{
  @page {{ margin: 1.5cm; }}
  body {{ color: #000; background: #fff; font-size: 10.5pt; }}
  nav {{ display: none; }}
  main, header.page, footer {{ max-width: none; padding: 0; }}
  a {{ color: #000; text-decoration: none; }}
  h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
  h2 {{ border-bottom-color: #000; }}
  table, .legend, .summary {{ break-inside: avoid; page-break-inside: avoid; }}
  #score, #coverage {{ break-inside: avoid; page-break-inside: avoid; }}  /* short: keep each heading with its table */
  .meta, .counts, .detail, .noun, .where, .legend, .scale, .unallocated, .none, caption, footer,
  .score .of, .score .label, h1 .kicker, .money td::before {{ color: #000; }}
  code {{ color: #000; background: none; padding: 0; }}
  .badge, .badge.error, .badge.warning, .badge.info {{ color: #000; background: none; border: 1px solid #000; }}
  .finding, .finding.error, .finding.warning, .finding.info {{ border-color: #000; }}
  .finding.error {{ border-left-width: .6rem; }}
  .loss {{ color: #000; }}
  .bar, .bar .fill, .heat td, .swatch {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .bar {{ border-color: #000; }}
  .bar .fill {{ background: #555; }}
{print_heat}
  .heat th, .heat td {{ border: 1px solid #000; }}
}}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="bizop {version}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header class="page">
{header}
</header>
<nav aria-label="Sections"><ul>{nav}</ul></nav>
<main>
{body}
</main>
<footer><p>Made by bizop {version}. Every rule and the score formula are explained in bizop's
docs/alignment.md; <code>bizop rules RULE</code> explains one rule.</p></footer>
</body>
</html>
"""
