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
from bizop_tui.pager import NOT_FOUND, page, pager_command, should_page
from bizop_tui.model.errors import BizopError
from bizop_tui.model.text import one_line, visible_text

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


class _OpenByDefault(click.Group):
    """`bizop FILE` means `bizop open FILE`; `bizop` alone opens the bundled sample.

    Also the one place where every command's failures are turned into plain messages: click's own
    (which may quote a file name) get stand-ins, and an unexpected exception is one line and exit 3.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and not args[0].startswith("-")):
            args = ["open", *args]
        return _safely(lambda: super(_OpenByDefault, self).parse_args(ctx, args))

    def invoke(self, ctx: click.Context):
        return _safely(lambda: super(_OpenByDefault, self).invoke(ctx))


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
        _fail(error)
    except Exception as error:  # noqa: BLE001 - the promise: never a traceback
        click.echo(f"bizop: unexpected error ({type(error).__name__}: {one_line(str(error), 200)}); "
                   "this is a bug in bizop, please report it with the command you ran", err=True)
        sys.exit(EXIT_BUG)


def _quiet_broken_pipe() -> None:
    """The reader went away (`bizop review m.toml | head`): stop without a word, with the status of a
    process ended by SIGPIPE (as `cat` has), so `check | head` under pipefail never passes for a pass."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(EXIT_BROKEN_PIPE)


def _fail(error: BizopError) -> None:
    if error.path is None and error.line is None:  # not about a file: no "<model>:" in front
        text = one_line(error.message) + (f"\n{error.hint}" if error.hint else "")
    else:
        text = error.render()
    click.echo(f"bizop: {text}", err=True)
    sys.exit(EXIT_BAD_INPUT)


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
        _fail(error)
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


@main.command("open")
@click.argument("file", required=False, type=click.Path(dir_okay=True))
def open_command(file: str | None) -> None:
    """Open FILE in the app (the bundled Amazon sample when FILE is left out)."""
    from bizop_tui.tui.launch import launch

    try:
        sys.exit(launch(file))
    except BizopError as error:
        _fail(error)


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
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--min-score", type=click.IntRange(0, 100), default=0, show_default=True,
              help="Fail when the alignment score is below this.")
@_today_option
def check(file: str, min_score: int, today) -> None:
    """Check FILE for CI and pre-commit hooks.

    Exit 0 when the score is at least --min-score and there is no error finding, 1 otherwise,
    2 when FILE cannot be read or is not valid TOML (or an option is wrong), 3 when bizop itself
    failed (a bug).
    """
    result = _review(file, _date(today))
    alignment = result.alignment
    name = shown(file)
    for f in alignment.findings:
        where = f"{name}:{f.line}" if f.line else name
        click.echo(f"{where}: {f.severity}: {f.rule}: {one_line(f.message)}")
    counts = alignment.counts()
    ok = alignment.score >= min_score and not counts["error"]
    verdict = "ok" if ok else "FAILED"
    click.echo(
        f"bizop check: {verdict}: score {alignment.score} (minimum {min_score}), "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    )
    sys.exit(EXIT_OK if ok else EXIT_FAILED)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True)
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Write to this file instead of standard output ('-' is standard output). A file is "
                   "replaced whole, by rename; a pipe or terminal is written to; devices such as disks are "
                   "refused.")
@_today_option
def export(file: str, fmt: str, output: str | None, today) -> None:
    """Export the alignment review of FILE as JSON (for programs) or Markdown (for documents)."""
    from bizop_tui.model.storage import write_report
    from bizop_tui.report.json_export import render_json
    from bizop_tui.report.markdown import render_markdown

    if output in STANDARD_OUTPUT:
        output = None
    if output is not None and _same_file(output, file):
        click.echo(f"bizop: {shown(output)} is the model itself; choose another file for the report.", err=True)
        sys.exit(EXIT_BAD_INPUT)
    result = _review(file, _date(today))
    text = render_json(result) if fmt == "json" else render_markdown(result)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        how = write_report(output, text.encode("utf-8"))
    except BizopError as error:
        _fail(error)
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
def new(file: str | None, template: str | None, list_: bool) -> None:
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
        text = template_text(name)
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
        _fail(error)
    click.echo(f"bizop: created {shown(file)} from the '{name}' template. "
               f"Open it with: bizop {shown(shlex.quote(file))}")
