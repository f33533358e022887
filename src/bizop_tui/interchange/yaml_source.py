"""Reading a YAML file safely, keeping each mapping's line and every plain value as text.

PyYAML's SafeLoader builds only plain data (no tags that construct objects). Its implicit typing is
switched off but for null and merge keys: `name: no` stays "no" and `version: 2.0` stays "2.0", as
the writer meant them. Every failure is a BizopError with the file, the line and what to do.
"""

from __future__ import annotations

import re

import yaml

from bizop_tui.model.errors import BizopError
from bizop_tui.model.storage import reason

MAX_BYTES = 16 * 1024 * 1024


class Located(dict):
    """A YAML mapping that remembers the line it starts on (1-based)."""

    line: int | None = None


class _TextLoader(yaml.SafeLoader):
    """SafeLoader whose plain scalars are text, but for null (`~`, `null`, empty) and merge keys (`<<`)."""


_TextLoader.yaml_implicit_resolvers = {}
_TextLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                  ["~", "n", "N", ""])
_TextLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _located_mapping(loader: _TextLoader, node: yaml.MappingNode):
    data = Located()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


_TextLoader.add_constructor("tag:yaml.org,2002:map", _located_mapping)


def read_yaml(path: str, what: str = "YAML") -> tuple[object, list[str]]:
    """The one document in the YAML file at `path`, as plain data with Located mappings, and its lines."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise BizopError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise BizopError(f"cannot read the file: {reason(exc)}", path=path) from None
    if len(data) > MAX_BYTES:
        raise BizopError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a {what} file",
                         path=path, hint="Check that this is the file you meant.")
    try:
        document = yaml.load(data, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        raise _located_error(error, data, path, what) from None
    except yaml.YAMLError as error:  # an encoding problem: not UTF-8 (or UTF-16 with a BOM)
        raise BizopError(f"is not readable {what}: {error}", path=path,
                         hint="Save the file as UTF-8 text and try again.") from None
    except RecursionError:
        raise BizopError(f"is nested too deeply to be a {what} file bizop can read", path=path) from None
    return document, data.decode("utf-8", "replace").splitlines()


def _located_error(error: yaml.MarkedYAMLError, data: bytes, path: str, what: str) -> BizopError:
    mark, start = error.problem_mark or error.context_mark, error.context_mark
    problem = error.problem or error.context or "not valid YAML"
    if error.context and error.problem:
        problem = f"{error.context}: {error.problem}"
    if start is not None and mark is not None and start.line != mark.line:
        problem += f" (what is unfinished starts at line {start.line + 1})"
    if mark is None:
        return BizopError(f"is not valid {what}: {problem}", path=path)
    lines = data.decode("utf-8", "replace").splitlines()
    source_line = lines[mark.line] if mark.line < len(lines) else None
    if "constructor" in problem:
        hint = "bizop reads plain YAML only: remove the tag (the word after '!')."
    elif "single document" in problem:
        hint = f"A {what} file holds one document: remove the second '---' and what follows, or split the file."
    else:
        hint = f"Fix the {what} there (a missing colon, a wrong indent or an unclosed bracket or quote is usual)."
    return BizopError(f"is not valid {what}: {problem}", path=path, line=mark.line + 1, column=mark.column + 1,
                      source_line=source_line, hint=hint)
