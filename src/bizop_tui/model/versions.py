"""Another version of a model, named the way a person types it: the path of a model file, or a git
revision (HEAD, HEAD~1, a tag, a branch) of the file being edited. A path that exists wins."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from bizop_tui.model import load_text
from bizop_tui.model.entities import Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.revisions import read_revision
from bizop_tui.model.source import decode_source, read_source
from bizop_tui.model.storage import kind_of
from bizop_tui.model.text import one_line


@dataclass(frozen=True, slots=True)
class Version:
    model: Model
    label: str  # "models/acme.toml at HEAD~1 (3f2a9c1)", or the path of the other file


def read_version(spec: str, path: str | None) -> Version:
    """The model `spec` names: a file, else a git revision of `path` (the open file); BizopError says
    why it cannot be read. Blocks on disk and git: call it off the UI thread."""
    spec = spec.strip() or "HEAD"
    candidate = os.path.expanduser(spec)
    if os.path.lexists(candidate) or os.sep in spec or spec.endswith(".toml"):
        return Version(_read_file(candidate), one_line(candidate))
    if path is None:
        raise BizopError(f"no file '{one_line(spec)}' here, and this model has no file yet, so it has no git "
                         "history", hint="Give the path of a model file, or save this model first.")
    try:
        revision = read_revision(path, spec)
    except BizopError as error:
        if error.message == "is not in a git repository":  # its hint is for the command line
            error.hint = f"There is no file '{one_line(spec)}' here either: give the path of a model file."
        raise
    source = decode_source(revision.raw, revision.label)
    return Version(load_text(source.text, revision.label), revision.label)


def _read_file(path: str) -> Model:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BizopError("no such file, and not a git revision either", path=path,
                         hint="Give the path of a model file, or a revision such as HEAD~1.") from None
    except OSError as error:
        raise BizopError(f"cannot read it ({error.strerror or error})", path=path) from None
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device would never end: refused before it is opened
        raise BizopError(f"this is {kind_of(st.st_mode)}, not a model file", path=path,
                         hint="Give the path of a .toml model file.")
    source = read_source(path, regular_only=True)
    return load_text(source.text, path)
