"""The command line: thin commands over the model, the engine and the report renderers.

`bizop FILE` (or `bizop` alone) opens the app; the other commands never import Textual.

Exit codes: 0 done (for `check`: passed), 1 `check` failed (score or errors), 2 bad input (a file
that cannot be read, invalid TOML, a bad option), 3 bizop itself failed (a bug: one line, no
traceback). Every file name and message printed goes through the same stand-ins as the reports, so
no escape sequence from a file name reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shlex
import sys

import click

from bizop_tui import __version__
from bizop_tui.exits import (EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_FAILED, EXIT_OK, bug, fail,
                             never_fail_on_encoding)
from bizop_tui.model.errors import BizopError
from bizop_tui.model.text import one_line, visible_text

class _OpenByDefault(click.Group):
    """`bizop FILE` means `bizop open FILE`; `bizop` alone opens the bundled sample.

    Also the one place where every command's failures are turned into plain messages: click's own
    (which may quote a file name) get stand-ins, and an unexpected exception is one line and exit 3.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        completing_first_word = ctx.resilient_parsing and not args  # shell completion of `bizop <TAB>`
        if not completing_first_word and (not args or (args[0] not in self.commands and not args[0].startswith("-"))):
            args = ["open", *args]
        return _safely(lambda: super(_OpenByDefault, self).parse_args(ctx, args))

    def invoke(self, ctx: click.Context):
        return _safely(lambda: super(_OpenByDefault, self).invoke(ctx))

    def shell_complete(self, ctx: click.Context, incomplete: str):
        # The first word is a command or the FILE to open: offer both (bash lists files when no command matches).
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file"), *super().shell_complete(ctx, incomplete)]


def _safely(call):
    """Run a step of click's; user text in its messages gets stand-ins, and no exception escapes raw."""
    try:
        return call()
    except click.ClickException as error:
        error.message = visible_text(error.message)
        raise
    except (click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        _quiet_broken_pipe()
    except BizopError as error:
        fail(error)
    except Exception as error:  # noqa: BLE001 - the promise: never a traceback
        bug(error)


def _quiet_broken_pipe() -> None:
    """The reader went away (`bizop review m.toml | head`): stop without a word, with the status of a
    process ended by SIGPIPE (as `cat` has), so `check | head` under pipefail never passes for a pass."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(EXIT_BROKEN_PIPE)

    def shell_complete(self, ctx: click.Context, incomplete: str):
        # The first word is a command or the FILE to open: offer both (bash lists files when no command matches).
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file"), *super().shell_complete(ctx, incomplete)]


def shown(path: str) -> str:
    """A file name as it is printed: control and format characters as stand-ins."""
    return one_line(path)


def _review(path: str, today: dt.date | None):
    # A one-shot command builds thousands of objects that live until it exits, and the cyclic
    # collector would walk them again and again (about a tenth of a large review): leave it off.
    gc.disable()
    from bizop_tui.alignment import analyse
    from bizop_tui.model import load_model
    from bizop_tui.report.summary import make_review

    try:
        model = load_model(path)
    except BizopError as error:
        fail(error)
    return make_review(model, analyse(model, today=today))


_today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge staleness as of this date (YYYY-MM-DD) instead of today, for reproducible reports.",
)


def _date(value) -> dt.date | None:
    return value.date() if value else None


@click.group("bizop", cls=_OpenByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="bizop")
def main() -> None:
    """bizop: a business model and its operating model side by side, and how well they align.

    Run `bizop FILE` to open a model in the app, or `bizop` to open the bundled Amazon sample.
    """
    never_fail_on_encoding()


@main.command("open")
@click.argument("file", required=False, type=click.Path(dir_okay=True))
def open_command(file: str | None) -> None:
    """Open FILE in the app (the bundled Amazon sample when FILE is left out)."""
    from bizop_tui.tui.launch import launch

    sys.exit(launch(file))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@_today_option
@click.option("--color", "--colour", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the review: auto (at a terminal, unless NO_COLOR is set), always (also into a pipe, "
                   "e.g. for less -R), never.")
@click.option("--no-pager", is_flag=True,
              help="Print straight to the terminal. Otherwise a review taller than the terminal is shown in "
                   "$BIZOP_PAGER, else $PAGER, else less -R; BIZOP_PAGER=cat (or empty) turns paging off. "
                   "Never pages into a pipe.")
def review(file: str, today, color: str, no_pager: bool) -> None:
    """Print an alignment review of FILE: score, sub-scores, coverage and findings."""
    from bizop_tui.pager import NOT_FOUND, page, pager_command, should_page
    from bizop_tui.report.terminal import make_console, print_review

    result = _review(file, _date(today))
    console = make_console(color=color)
    command = None if no_pager else pager_command(os.environ)
    if command is None or not console.is_terminal or not sys.stdout.isatty():
        print_review(result, console)
        return
    with console.capture() as capture:
        print_review(result, console)
    text = capture.get()
    if not should_page(text, sys.stdout, console.height):
        click.echo(text, nl=False)
        return
    if page(text, command) == NOT_FOUND:
        click.echo(f"bizop: the pager '{one_line(command)}' could not be run; set BIZOP_PAGER or use "
                   "--no-pager", err=True)
        click.echo(text, nl=False)


@main.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--min-score", type=click.IntRange(0, 100), default=0, show_default=True,
              help="Fail when the alignment score is below this.")
@_today_option
def check(files: tuple[str, ...], min_score: int, today) -> None:
    """Check FILE for CI and pre-commit hooks.

    Exit 0 when the score is at least --min-score and there is no error finding, 1 otherwise,
    2 when FILE cannot be read or is not valid TOML (or an option is wrong), 3 when bizop itself
    failed (a bug). Several files (pre-commit passes every staged model at once) are checked in
    turn, and the worst exit code wins.
    """
    worst = EXIT_OK
    for file in files:
        if len(files) > 1:
            click.echo(f"{file}:")
        worst = max(worst, _check_file(file, min_score, today))
    sys.exit(worst)


def _check_file(file: str, min_score: int, today) -> int:
    from bizop_tui.report.summary import counts_line

    result = _review(file, _date(today))
    alignment = result.alignment
    name = shown(file)
    for f in alignment.findings:
        where = f"{name}:{f.line}" if f.line else name
        click.echo(f"{where}: {f.severity}: {f.rule}: {one_line(f.message)}")
    counts = alignment.counts()
    scored = alignment.score is not None
    ok = (alignment.score >= min_score if scored else min_score == 0) and not counts["error"]
    verdict = "ok" if ok else "FAILED"
    score = str(alignment.score) if scored else "none"
    click.echo(f"bizop check: {verdict}: score {score} (minimum {min_score}), {counts_line(alignment)}")
    if not scored:
        click.echo(f"bizop check: {alignment.verdict}")
    return EXIT_OK if ok else EXIT_FAILED


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "csv", "html"]), default="json", show_default=True)
@click.option("--model", "whole_model", is_flag=True,
              help="With --format json: the model itself (entries and links) instead of the review.")
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Write to this file instead of standard output ('-' is standard output). A file is "
                   "replaced whole, by rename; a pipe or terminal is written to; devices such as disks are "
                   "refused.")
@_today_option
def export(file: str, fmt: str, whole_model: bool, output: str | None, today) -> None:
    """Export the alignment review of FILE as JSON (for programs), Markdown (for documents) or HTML (a
    web page), or the model itself as CSV (for spreadsheets) or, with --model, as JSON."""
    from bizop_tui.model.storage import write_report
    from bizop_tui.report.json_export import render_json
    from bizop_tui.report.markdown import render_markdown

    if output in STANDARD_OUTPUT:
        output = None
    if output is not None and _same_file(output, file):
        click.echo(f"bizop: {shown(output)} is the model itself; choose another file for the report.", err=True)
        sys.exit(EXIT_BAD_INPUT)
    result = _review(file, _date(today))
    text = (_model_export(fmt, whole_model, result) if fmt == "csv" or whole_model
            else render_json(result) if fmt == "json" else _html(result, today) if fmt == "html" else render_markdown(result))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        how = write_report(output, text.encode("utf-8"))
    except BizopError as error:
        fail(error)
    if how == "file":
        click.echo(f"bizop: wrote {shown(output)}", err=True)


STANDARD_OUTPUT = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


@main.command()
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--template", "-t", default=None, help="Template to start from (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the bundled templates and exit.")
@click.option("--no-schema", is_flag=True,
              help="Leave out the #:schema line and the schema file that editors use (see docs/integrations.md).")
def new(file: str | None, template: str | None, list_: bool, no_schema: bool) -> None:
    """Create FILE as a starter model from a bundled template. Never overwrites."""
    from bizop_tui.templates import DEFAULT_TEMPLATE, template_names, template_text

    if list_:
        for name in template_names():
            click.echo(name)
        return
    if file is None:
        raise click.UsageError("give the FILE to create, e.g.  bizop new model.toml  (or --list)")
    name = template or DEFAULT_TEMPLATE
    try:
        text = template_text(name) if no_schema else _with_schema_line(template_text(name))
    except KeyError:
        click.echo(f"bizop: no template called '{one_line(name)}'. Templates: {', '.join(template_names())}",
                   err=True)
        sys.exit(EXIT_BAD_INPUT)
    if os.path.lexists(file):
        click.echo(f"bizop: {shown(file)} already exists; bizop new never overwrites. Choose another name.", err=True)
        sys.exit(EXIT_BAD_INPUT)
    from bizop_tui.model.storage import create_exclusive

    try:
        create_exclusive(file, text.encode("utf-8"))
    except BizopError as error:
        fail(error)
    click.echo(f"bizop: created {shown(file)} from the '{name}' template. "
               f"Open it with: bizop {shown(shlex.quote(file))}")
    if not no_schema:
        click.echo(f"bizop: {_schema_beside(file)}")


def _load(path: str):
    gc.disable()  # a one-shot command: see _review
    from bizop_tui.model import load_model

    try:
        return load_model(path)
    except BizopError as error:
        fail(error)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.argument("entry_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_today_option
def impact(file: str, entry_id: str, fmt: str, today) -> None:
    """What loses its support if the entry ID goes, and the chain of entries that delivers it.

    Shows the score change, promises left undelivered with the money at stake, chains weakened,
    segments left without a proposition or channel, and the new and resolved findings.
    """
    from bizop_tui.alignment.impact import impact as impact_of
    from bizop_tui.report.impact import render_impact_json, render_impact_text

    model = _load(file)
    try:
        result = impact_of(model, entry_id, _date(today))
    except BizopError as error:
        fail(error)
    click.echo(render_impact_json(result) if fmt == "json" else render_impact_text(result, model.currency), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@_today_option
def roadmap(file: str, fmt: str, today) -> None:
    """The planned entries of FILE (status = "planned"), grouped by block, with what each would fix."""
    from bizop_tui.alignment.roadmap import roadmap as roadmap_of
    from bizop_tui.report.roadmap import render_roadmap_json, render_roadmap_markdown, render_roadmap_text

    model = _load(file)
    result = roadmap_of(model, _date(today))
    if fmt == "json":
        text = render_roadmap_json(result)
    elif fmt == "markdown":
        text = render_roadmap_markdown(result, model.name)
    else:
        text = render_roadmap_text(result, model.name)
    click.echo(text, nl=False)


@main.command()
@click.argument("rule_id", metavar="[RULE]", required=False)
def rules(rule_id: str | None) -> None:
    """List the alignment rules, or explain one (e.g. bizop rules chain.indirect)."""
    from bizop_tui.alignment.rules.catalogue import RULES, RULES_BY_ID

    if rule_id is None:
        for rule in RULES:
            scored = f"  [{rule.subscore}]" if rule.subscore else ""
            click.echo(f"{rule.id:<36} {rule.severity:<8} {rule.summary}{scored}")
        click.echo("\nbizop rules RULE explains one; docs/alignment.md has examples of each.")
        return
    rule = RULES_BY_ID.get(rule_id)
    if rule is None:
        close = [r.id for r in RULES if rule_id in r.id]
        hint = f" Did you mean: {', '.join(close)}?" if close else " bizop rules lists them."
        click.echo(f"bizop: no rule called '{one_line(rule_id)}'.{hint}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"{rule.id} ({rule.severity})")
    click.echo(f"Fires when: {rule.summary}.")
    if rule.why:
        click.echo(rule.why)
    click.echo(f"Counts in: {rule.subscore} sub-score." if rule.subscore else "Reported only; it does not move the score.")


# -- editors: the JSON Schema ----------------------------------------------------------------------


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the model format, for editors' completion and validation.

    `bizop new` already puts it beside a new model; see docs/integrations.md for VS Code and Taplo.
    """
    from bizop_tui.model.schema import schema_text

    click.echo(schema_text(), nl=False)


def _with_schema_line(text: str) -> str:
    from bizop_tui.model.schema import SCHEMA_DIRECTIVE

    return f"{SCHEMA_DIRECTIVE}\n{text}"


def _schema_beside(model_file: str) -> str:
    """Write the schema next to a new model, where its #:schema line points (works offline); what happened."""
    from bizop_tui.model.schema import SCHEMA_FILE, schema_text
    from bizop_tui.model.storage import create_exclusive

    target = os.path.join(os.path.dirname(model_file), SCHEMA_FILE)
    data = schema_text().encode("utf-8")
    if os.path.lexists(target):
        try:
            with open(target, "rb") as handle:
                if handle.read() == data:
                    return f"{target} is already there for editors' completion and validation."
        except OSError:
            pass
        return f"kept the existing {target}; to update it:  bizop schema > {target}"
    try:
        create_exclusive(target, data)
    except BizopError as error:
        return f"could not write {target} ({error.message}); write it with:  bizop schema > {target}"
    return f"wrote {target} for editors' completion and validation (docs/integrations.md)."


# -- data out: the model for spreadsheets and programs ---------------------------------------------


def _model_export(fmt: str, whole_model: bool, result) -> str:
    """`export --format csv` (one row per entry) or `export --format json --model` (entries and links)."""
    if fmt == "csv":
        from bizop_tui.report.csv_export import render_csv

        return render_csv(result.model, result.alignment)
    if fmt != "json":
        raise click.UsageError("--model goes with --format json (CSV always holds the model's entries).")
    from bizop_tui.report.model_export import render_model_json

    return render_model_json(result.model)


# -- data in: other tools' models ------------------------------------------------------------------


@main.group("import")
def import_group() -> None:
    """Read another tool's model into a new bizop model file."""


@import_group.command("bmml")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The bizop model to create (never overwritten); standard output when left out.")
def import_bmml_command(file: str, output: str | None) -> None:
    """Import a BMML file (the YAML format of the bmml tool, 2.0 or 1.0) as a new model's business side.

    Links become segments and supports where bizop has the same link; the rest is kept in notes.
    """
    from bizop_tui.interchange.bmml import import_bmml
    from bizop_tui.interchange.imported import model_text
    from bizop_tui.interchange.output import write_new

    try:
        if output is not None and os.path.lexists(output):
            raise BizopError("already exists; bizop import never overwrites. Choose another name.", path=output)
        imported = import_bmml(file)
        data = model_text(imported, output).encode("utf-8")
        for warning in imported.warnings:
            click.echo(f"bizop: {warning}", err=True)
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
            return
        write_new(output, data)
    except BizopError as error:
        fail(error)
    except Exception as error:  # noqa: BLE001 - a file from elsewhere must never end in a traceback
        fail(BizopError(f"could not be imported: bizop met a case it does not handle ({type(error).__name__}: "
                         f"{error}); nothing was written", path=file,
                         hint="Please report this, with the file if you can share it."))
    click.echo(f"bizop: imported {len(imported.entries)} entries from {file} into {output}. "
               f"Open it with: bizop {output}", err=True)


# -- time: two versions of a model compared (docs/diff.md) -----------------------------------------


@main.command("diff")
@click.argument("files", metavar="OLD [NEW]", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--rev", default=None, metavar="REV",
              help="With one FILE: compare it with its version at this git revision (default HEAD).")
@click.option("--staged", is_flag=True,
              help="With one FILE: compare its staged version (the index) with --rev, as git diff --staged does.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--roadmap", is_flag=True,
              help="Read OLD as the current state and NEW as the target: what to build, change and retire, "
                   "by operating dimension, each step with the findings it resolves.")
@click.option("--fail-on-drop", type=click.IntRange(0, 100), default=None, metavar="N",
              help="Exit 1 when the score drops by more than N points or an error finding appears (for CI).")
@_today_option
def diff_command(files: tuple[str, ...], rev: str | None, staged: bool, fmt: str, roadmap: bool,
                 fail_on_drop: int | None, today) -> None:
    """Compare two versions of a model: OLD and NEW files, or FILE with a git revision of it.

    \b
      bizop diff old.toml new.toml
      bizop diff model.toml                # against HEAD
      bizop diff model.toml --rev HEAD~1   # or a branch, a tag, origin/main
      bizop diff model.toml --staged       # the staged version, against HEAD
      git show v1:model.toml | bizop diff - model.toml

    Shows the score and each sub-score before -> after, findings resolved, new and changed,
    entries added, removed, renamed, moved and changed (links, status, fields), and revenue, costs
    and cost to serve by segment. Exit 0, or 1 when --fail-on-drop fails; 2 when a version cannot
    be read (git missing, not a repository, the file not at that revision, not valid TOML).
    """
    gc.disable()  # a one-shot command: see _review
    if len(files) > 2:
        raise click.UsageError("give two files (OLD NEW), or one file to compare with a git revision.")
    if len(files) == 2 and (rev is not None or staged):
        raise click.UsageError("--rev and --staged go with one FILE; two files are compared with each other.")
    if files.count("-") > 1:
        raise click.UsageError("only one of the versions can come from standard input (-).")
    if len(files) == 1 and files[0] == "-":
        raise click.UsageError("with one FILE it is compared with a git revision; standard input (-) has none.")
    when = _date(today)
    try:
        if len(files) == 2:
            (old, old_label, old_text), (new, new_label, new_text) = _version_of(files[0]), _version_of(files[1])
        else:
            (old, old_label, old_text), (new, new_label, new_text) = _versions_in_git(files[0], rev or "HEAD", staged)
    except BizopError as error:
        fail(error)
    from bizop_tui.alignment.diff import diff_models, diff_roadmap, gate
    from bizop_tui.report import diff as report

    result = diff_models(old, new, when)
    versions = report.Versions(old_label, new_label, old_text == new_text)
    if roadmap:
        plan = diff_roadmap(old, new, when, result.changes, result.comparison)
        if fmt == "json":
            click.echo(report.render_roadmap_diff_json(plan, result, versions), nl=False)
        elif fmt == "markdown":
            click.echo(report.render_roadmap_diff_markdown(plan, result, versions), nl=False)
        else:
            _print_page(lambda width: report.render_roadmap_diff_text(plan, result, versions, width))
    elif fmt == "json":
        click.echo(report.render_diff_json(result, versions), nl=False)
    elif fmt == "markdown":
        click.echo(report.render_diff_markdown(result, versions), nl=False)
    else:
        _print_page(lambda width: report.render_diff_text(result, versions, width))
    if fail_on_drop is not None:
        reasons = gate(result, fail_on_drop)
        for reason in reasons:
            click.echo(f"bizop diff: FAILED: {one_line(reason)}", err=True)
        if reasons:
            sys.exit(EXIT_FAILED)
        click.echo(f"bizop diff: ok: no drop of more than {fail_on_drop} points, no new error", err=True)


def _print_page(render) -> None:
    """Print a report already wrapped to the console's width (80 when piped), as it is."""
    from bizop_tui.report.terminal import make_console

    console = make_console()
    page = render(console.width)
    if console.color_system is None:  # no colour (piped, NO_COLOR, TERM=dumb): the text as it is, at once
        out = console.file
        encoding = getattr(out, "encoding", None) or "utf-8"
        out.write(page.plain.encode(encoding, "replace").decode(encoding))  # '?' where the terminal has no glyph
        out.flush()
    else:
        console.print(page, soft_wrap=True, end="")


def _version_of(path: str):
    """A model file (or standard input for '-'): the model, its label, its text."""
    from bizop_tui.model import load_text
    from bizop_tui.model.source import decode_source, read_source

    if path == "-":
        source = decode_source(sys.stdin.buffer.read(), "standard input")
        return load_text(source.text, "standard input"), "standard input", source.text
    source = read_source(path)
    return load_text(source.text, path), path, source.text


def _versions_in_git(path: str, rev: str, staged: bool):
    """FILE at REV (old) and FILE as it is, or as staged (new)."""
    from bizop_tui.model import load_text
    from bizop_tui.model.revisions import read_revision, read_staged
    from bizop_tui.model.source import decode_source

    if staged:
        now = read_staged(path)
        source = decode_source(now.raw, now.label)
        new = (load_text(source.text, now.label), now.label, source.text)
    else:
        new = _version_of(path)
    then = read_revision(path, rev, staged=staged)
    source = decode_source(then.raw, then.label)
    return (load_text(source.text, then.label), then.label, source.text), new


@main.command("textconv")
@click.argument("file", type=click.Path(dir_okay=True))
@_today_option
def textconv_command(file: str, today) -> None:
    """Print FILE as git diff should show it: the alignment, one fact a line, then the file.

    For a git diff driver, so that git diff and git log -p show what a change did to the alignment:

    \b
      git config diff.bizop.textconv "bizop textconv"
      echo '*.bizop.toml diff=bizop' >> .gitattributes

    A version bizop cannot read is shown as it is, with the reason, and still exits 0 (git would
    otherwise stop the whole diff); a missing file exits 2. See docs/diff.md.
    """
    gc.disable()  # a one-shot command: see _review
    from bizop_tui.alignment import analyse
    from bizop_tui.model import load_text
    from bizop_tui.model.source import read_source
    from bizop_tui.report.textconv import render_textconv, render_unreadable

    try:
        source = read_source(file)
    except BizopError as error:
        if not os.path.exists(file) or os.path.isdir(file):
            fail(error)
        raw = b""
        try:
            with open(file, "rb") as handle:
                raw = handle.read(32 * 1024 * 1024)
        except OSError:
            fail(error)
        click.echo(render_unreadable(error.message, raw), nl=False)
        return
    try:
        model = load_text(source.text, file)
    except BizopError as error:
        click.echo(render_unreadable(error.render().splitlines()[0].removeprefix(f"{file}, "), source.raw), nl=False)
        return
    click.echo(render_textconv(model, analyse(model, _date(today)), source.text), nl=False)


# -- a browser: the review as a web page, the app served -------------------------------------------


def _html(result, today) -> str:
    """`export --format html`: one self-contained page (docs/integrations.md)."""
    from bizop_tui.report.html import render_html

    return render_html(result, _date(today))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anyone who reaches it can open and edit FILE: keep the default "
                   "and use an SSH tunnel from another machine (docs/integrations.md).")
@click.option("--public-url", default=None, metavar="URL",
              help="The address the browser uses, when it is not http://HOST:PORT (a tunnel to another "
                   "local port, a proxy).")
def serve(file: str, port: int, host: str, public_url: str | None) -> None:
    """Serve the app on FILE to a web browser (needs the serve extra).

    Each browser tab gets its own `bizop FILE`, as in a terminal. Listens on 127.0.0.1 only; from
    another machine, tunnel it: ssh -L 8000:127.0.0.1:8000 HOST, then open http://127.0.0.1:8000.
    """
    try:
        from bizop_tui.serve import serve as serve_app
    except ImportError as error:
        if not (error.name or "").startswith(("textual_serve", "aiohttp")):
            raise
        click.echo("bizop: serve needs the optional 'serve' extra (textual-serve). Install it with\n"
                   "  pip install 'bizop-tui[serve]'   (from a clone: .venv/bin/python -m pip install '.[serve]')",
                   err=True)
        sys.exit(EXIT_FAILED)
    _load(file)  # a file the app cannot open fails here, once, rather than in every browser tab
    gc.enable()  # _load turned it off for one-shot commands; a server runs for days
    name = one_line(os.path.basename(file))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"bizop: warning: listening on {host}: anyone who can reach it can open and edit {name}; "
                   "there is no password.", err=True)
    url = public_url or (f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}")
    click.echo(f"bizop: serving {name} at {url} (ctrl+c stops)", err=True)
    try:
        serve_app(file, host, port, url, title=f"bizop: {name}")
    except OSError as error:
        click.echo(f"bizop: cannot listen on {host}:{port} ({error.strerror or error}); choose another --port.",
                   err=True)
        sys.exit(EXIT_FAILED)
