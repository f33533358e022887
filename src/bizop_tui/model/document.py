"""An editable model file: its text, the model read from it, edits entry by entry, undo, redo and save.

Edits splice the text of one entry at a time (see layout.py); tomlkit renders the entry's new text,
so the comments and layout inside it stay too. Undo and redo replay the splices: no document copies.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bizop_tui.model.build import build_entry, build_model
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.layout import Layout, Span, scan_layout
from bizop_tui.model.source import (BOM, MAX_FILE_BYTES, Source, TOMLDecodeError, content_digest, decode_source,
                                    parse_toml, read_source, toml_loads, too_large)
from bizop_tui.model.storage import ReadOnlyFile, check_target, read_regular, remove_stale_temporaries, write_atomic
from bizop_tui.model.vocabulary import ALL_BLOCKS, BLOCKS_BY_PATH, FIELDS, LINKS_BY_KEY, Block

# The order keys are written in a new entry: the vocabulary's, as the samples are written.
KEY_ORDER = tuple(f.key for f in FIELDS)
ID_PREFIX = {
    "customer_segments": "seg", "value_propositions": "vp", "channels": "ch", "customer_relationships": "cr",
    "revenue_streams": "rs", "key_resources": "kr", "key_activities": "ka", "key_partners": "kp",
    "cost_structure": "cs", "organisation": "org", "processes": "proc", "people": "ppl", "technology": "tech",
    "governance": "gov", "locations": "loc", "suppliers": "sup",
}


class ChangedOnDisk(BizopError):
    """The file on disk is no longer the one bizop loaded: saving would overwrite someone's work."""


__all__ = ["ChangedOnDisk", "DiskCheck", "Document", "ReadOnlyFile"]

# TOML integers are 64-bit signed.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
NUMBER_KEYS = ("amount", "cost")


@dataclass(frozen=True, slots=True)
class DiskCheck:
    """What is at the document's path now: 'same', 'changed' or 'missing', and the digest of the bytes
    found (None when there is no regular file to read), so a caller asks once per change."""

    state: str
    digest: str | None


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace `removed` at offset `at` by `inserted`. With `path`, it is the `index`-th table of that
    block being inserted (nothing removed), removed (nothing inserted) or rewritten, so the model can
    be updated entry by entry instead of parsing the whole file again."""

    at: int
    removed: str
    inserted: str
    path: str | None = None
    index: int = 0

    def apply(self, text: str) -> str:
        assert text[self.at : self.at + len(self.removed)] == self.removed, "splice does not match the text"
        return text[: self.at] + self.inserted + text[self.at + len(self.removed) :]

    def inverse(self) -> Splice:
        return Splice(self.at, self.inserted, self.removed, self.path, self.index)


@dataclass(frozen=True, slots=True)
class Change:
    """One user edit: what it says, the splices in the order applied, and the entry to select after."""

    label: str
    splices: tuple[Splice, ...]
    entry_id: str | None = None
    undo_entry_id: str | None = None


@dataclass(slots=True)
class History:
    done: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)


# Letters that do not decompose into a base letter and an accent, spelled as ASCII readers expect.
_SPELLED = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
                          "ı": "i"})
SLUG_LIMIT = 40
LINE_LIMIT = 88  # a list longer than this on one line is written one item a line


def slug(text: str) -> str:
    """Lower-case ASCII words of `text` joined by hyphens ("Café crème" -> "cafe-creme"), cut at a word
    boundary; "" when `text` has no Latin letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED)).encode("ascii", "ignore")
    words = re.findall(r"[a-z0-9]+", ascii_text.decode("ascii"))
    joined = "-".join(words)
    if len(joined) > SLUG_LIMIT:
        cut = joined[: SLUG_LIMIT + 1]
        joined = cut[: cut.rfind("-")] if "-" in cut else joined[:SLUG_LIMIT]
    return joined.strip("-")


def _value_item(value: Any, key: str = "supports"):
    """The TOML item for `value`; a list that would run past LINE_LIMIT on the line of `key` is
    written one item a line."""
    import tomlkit  # with the first edit: opening a file does without it (see _edit_table_text)

    # A multi-line string cannot hold a carriage return: TOML readers turn CRLF inside it into LF.
    if isinstance(value, str) and "\n" in value and "\r" not in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, (list, tuple)):
        array = tomlkit.item(list(value))
        if len(key) + 3 + len(array.as_string()) > LINE_LIMIT:
            array.multiline(True)
        return array
    if isinstance(value, float) and value.is_integer() and INT_MIN <= value <= INT_MAX:
        return tomlkit.item(int(value))
    return tomlkit.item(value)


def same_value(a: Any, b: Any) -> bool:
    """Equality of TOML values in which nan equals nan (an entry holding nan is still written faithfully)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):  # true is not 1
        return type(a) is type(b) and a == b
    return a == b  # 120000.0 is written as 120000


def number_problem(key: str, value: Any) -> str | None:
    """Why a number cannot be written as it is, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        return (f"The {key} {value} is too large: a TOML file holds whole numbers between "
                f"{INT_MIN:,} and {INT_MAX:,}.")
    if isinstance(value, float) and not math.isfinite(value) and key in NUMBER_KEYS:
        return f"The {key} must be a finite number, not {value}."
    return None


def entries_of(model: Model) -> list[tuple]:
    """What a save must keep, entry by entry: block, position, id, name, links (immutable values: taken
    on the UI thread, it holds for a save on another while edits go on)."""
    return [(e.block.path, e.index, e.id, e.name, e.supports, e.segments, e.owner) for e in model.entries()]


class Document:
    """A model file being edited. `model` is always the model of the current text."""

    def __init__(self, source: Source, *, path: str | None) -> None:
        self.path = path
        self.bom = source.bom
        self.newline = source.newline
        self.text = source.text
        self.saved_text = source.text  # a sample copy starts clean too: it differs from no file yet
        self.disk_digest = source.digest if path else None
        self.history = History()
        self.model = self._read(self.text)
        self._layout_cache: Layout | None = None  # the layout of self.text, kept up to date by edits
        # The ids of the entries the last change added, removed or rewrote; None when it may be any.
        self.last_changed: set[str] | None = None

    # -- opening ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str) -> Document:
        """Open a regular file to edit (a pipe or device is refused at once), cleaning up the temporary
        files a killed bizop left beside it."""
        document = cls(read_source(path, regular_only=True), path=path)
        remove_stale_temporaries(os.path.dirname(os.path.abspath(path)))
        return document

    @classmethod
    def from_text(cls, text: str, path: str | None = None) -> Document:
        """A document not yet saved anywhere (a sample copy): saving it needs a path."""
        return cls(decode_source(text.encode("utf-8")), path=path)

    def _read(self, text: str) -> Model:
        return build_model(parse_toml(text, self.path), text, self.path)

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    # -- queries ------------------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry:
        return self.model.by_id[entry_id]

    def new_id(self, block: Block, name: str, taken_by: str | None = None) -> str:
        """An id derived from `name`, prefixed by the block, unique in the model: "seg-cafe-creme", or
        the prefix and the first free number ("seg-1") for a name with no Latin letters or digits."""
        prefix, words = ID_PREFIX[block.key], slug(name)
        free = lambda candidate: candidate not in self.model.by_id or candidate == taken_by  # noqa: E731
        if words:
            base = f"{prefix}-{words}"
            candidate, n = base, 1
        else:
            base, n = prefix, 1
            candidate = f"{base}-{n}"
        while not free(candidate):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def validate(self, block: Block, fields: dict[str, Any], editing: str | None = None) -> str | None:
        """Why `fields` cannot be written, or None when they can."""
        name = fields.get("name", self.model.by_id[editing].name if editing else None)
        if not isinstance(name, str) or not name.strip():
            return "The name cannot be empty."
        new_id = fields.get("id", editing)
        if not isinstance(new_id, str) or not new_id.strip():
            return "The id cannot be empty."
        if new_id != new_id.strip() or any(c.isspace() for c in new_id):
            return "The id cannot contain spaces."
        if new_id != editing and new_id in self.model.by_id:
            return f"The id '{new_id}' is already used by '{self.model.by_id[new_id].name}'."
        for key, value in fields.items():
            problem = number_problem(key, value)
            if problem:
                return problem
        return None

    # -- edits --------------------------------------------------------------------------------------

    def add_entry(self, path: str, fields: dict[str, Any]) -> str:
        """Add an entry after the last entry of block `path`; returns its id."""
        block = BLOCKS_BY_PATH[path]
        fields = dict(fields)
        fields.setdefault("id", self.new_id(block, str(fields.get("name", ""))))
        self._refuse_invalid(block, fields)
        layout = self._layout()
        at = self._insertion_point(layout, path)
        nl = self.newline
        before = "" if at == 0 or self.text[:at].endswith("\n") else nl
        body = self._render_table(path, fields)
        inserted = before + (nl if at else "") + body
        if at < len(self.text) and not self.text[at:].startswith(("\n", "\r\n")):
            inserted += nl
        self._refuse_unfaithful_table(path, body, fields)
        splice = Splice(at, "", inserted, path, self.model.sizes.get(path, 0))
        if not layout.spans.get(path):
            self._refuse_unparsable_add(path, splice)
        self._commit(Change(f"add '{fields['name']}'", (splice,), fields["id"], None))
        return fields["id"]

    def _refuse_unfaithful_table(self, path: str, body: str, fields: dict[str, Any]) -> None:
        """A new entry must read back exactly as given: every field, with nothing normalised."""
        side, key = path.split(".")
        kept = lambda k, v: v is not None and (k not in KEY_ORDER or v not in ("", [], ()))  # as _render_table
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items() if kept(k, v)}
        try:
            written = toml_loads(body)[side][key][0]
        except (TOMLDecodeError, KeyError, IndexError, TypeError):
            written = None
        if written is None or not same_value(written, expected):
            raise BizopError("bizop could not write this entry faithfully; nothing was changed", path=self.path,
                             hint="Add it in your editor (key e).")

    def _refuse_unparsable_add(self, path: str, splice: Splice) -> None:
        """The first [[side.block]] table of a block must not clash with the way the file writes that side."""
        side, key = path.split(".")
        data = toml_loads(self.text)
        holder = data.get(side)
        why = None
        if isinstance(holder, list):
            why = (f"the file writes [[{side}]] as a list of tables, so a [[{path}]] entry cannot be added to it",
                   f"In your editor (key e), write [{side}] instead of [[{side}]], then add the entry.")
        elif side in data and not isinstance(holder, dict):
            why = (f"the file sets '{side}' to a value that is not a table, so a [[{path}]] entry cannot be added",
                   f"In your editor (key e), make '{side}' a table of blocks (see docs/format.md).")
        elif isinstance(holder, dict) and isinstance(holder.get(key), dict):
            why = (f"{key} is written as one plain table [{path}], not as [[{path}]] entries, "
                   "so bizop cannot add another entry to it",
                   f"In your editor (key e), change the header [{path}] to [[{path}]].")
        elif isinstance(holder, dict) and key in holder:
            why = (f"{key} is written as a value inside [{side}] ({key} = ...), not as [[{path}]] entries, "
                   "so bizop cannot add an entry to it",
                   f"In your editor (key e), write its entries as [[{path}]] tables.")
        if why is None:
            try:
                toml_loads(splice.apply(self.text))
            except TOMLDecodeError as exc:
                why = (f"adding the entry here would make the file unreadable ({exc})", "Add it in your editor (key e).")
        if why is not None:
            raise BizopError(f"cannot add: {why[0]}; nothing was changed", path=self.path, hint=why[1])

    def update_entry(self, entry_id: str, fields: dict[str, Any]) -> None:
        """Set (or, with None, remove) keys of one entry; a new id is followed by every link to it."""
        entry = self.entry(entry_id)
        self._refuse_invalid(entry.block, fields, editing=entry_id)
        new_id = fields.get("id", entry_id)
        targets: list[tuple[Entry, dict[str, Any]]] = [(entry, fields)]
        if new_id != entry_id:
            for other in self.model.entries():
                if other is entry or entry_id not in other.links:
                    continue
                changes: dict[str, Any] = {}
                for kind in LINKS_BY_KEY.values():
                    values = other.linked(kind.key)
                    if entry_id in values:
                        renamed = [new_id if v == entry_id else v for v in values]
                        changes[kind.key] = renamed if kind.many else renamed[0]
                targets.append((other, changes))
        splices = self._rewrite(targets)
        self._commit(Change(f"edit '{fields.get('name', entry.name)}'", splices, new_id, entry_id))

    def delete_entry(self, entry_id: str) -> None:
        """Remove an entry with the comments directly above it; links to it are left (and reported)."""
        entry = self.entry(entry_id)
        span = self._span(entry)
        start, end = span.lead, span.end
        text = self.text
        if start == 0 or text[:start].endswith(("\n\n", "\n\r\n")):
            while end < len(text):
                line_end = text.find("\n", end)
                line = text[end : (line_end + 1 if line_end != -1 else len(text))]
                if line.strip():
                    break
                end += len(line)
        splice = Splice(start, text[start:end], "", entry.block.path, entry.index)
        self._commit(Change(f"delete '{entry.name}'", (splice,), None, entry_id))

    def replace_text(self, text: str, label: str) -> None:
        """Replace the whole text as one undoable change (restoring recovered edits)."""
        self._commit(Change(label, (Splice(0, self.text, text),), None, None))

    def undo(self) -> Change | None:
        if not self.history.done:
            return None
        change = self.history.done.pop()
        self._apply([s.inverse() for s in reversed(change.splices)])
        self.history.undone.append(change)
        return change

    def redo(self) -> Change | None:
        if not self.history.undone:
            return None
        change = self.history.undone.pop()
        self._apply(list(change.splices))
        self.history.done.append(change)
        return change

    # -- saving -------------------------------------------------------------------------------------

    def encoded(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")

    def disk_check(self) -> DiskCheck:
        """Compare the file at the document's path with the one loaded or last saved.

        Only a regular file is read, and at most MAX_FILE_BYTES + 1 bytes of it: a named pipe or a
        device put at the path is 'changed' without being read, so this never blocks or fills memory.
        """
        if self.path is None:
            return DiskCheck("same", None)
        if not os.path.exists(self.path):
            return DiskCheck("missing", None)
        raw = read_regular(self.path, MAX_FILE_BYTES)
        if raw is None:  # not a regular file, over the limit, or unreadable: not the file bizop holds
            return DiskCheck("changed", None)
        digest = content_digest(raw)
        return DiskCheck("same" if digest == self.disk_digest else "changed", digest)

    def disk_state(self) -> str:
        """'same' when the file on disk is the one loaded or last saved, else 'changed' or 'missing'."""
        return self.disk_check().state

    def save(self, path: str | None = None, *, overwrite: bool = False, force: bool = False,
             background: bool = False, expected: list[tuple] | None = None) -> str:
        """Write the text safely (see storage.write_atomic), then read it back and compare; returns the path.
        `background`: on a thread beside a UI, so the check parses in a way that lets the UI run, and
        `expected` is entries_of the model as it was when the save began (edits go on meanwhile).

        Raises ChangedOnDisk when another program changed the file (unless `overwrite`), ReadOnlyFile
        when the file is read-only (unless `force`), and BizopError for a text that is not valid TOML or
        too large to open again: in each case nothing on disk changes.
        """
        target = path or self.path
        if target is None:
            raise BizopError("this model has not been saved yet", hint="Choose a file name to save it as.")
        check_target(target)
        same_file = self.path is not None and os.path.abspath(target) == os.path.abspath(self.path)
        if same_file and not overwrite and self.disk_state() == "changed":
            raise ChangedOnDisk("the file changed on disk since bizop loaded it", path=target,
                                hint="Overwrite it, reload it (dropping your edits), or save under another name.")
        text = self.text  # what is saved, even if an edit follows
        expected = entries_of(self.model) if expected is None else expected
        data = self.encoded()
        if len(data) > MAX_FILE_BYTES:
            raise too_large(target, len(data), saving=True)
        self._check_text(text, expected, target, yielding=background)
        existed = os.path.lexists(target)
        previous = read_regular(target, MAX_FILE_BYTES) if existed else None  # None when over the limit
        write_atomic(target, data, force=force)
        self._verify_written(target, data, previous, existed)
        self.path = target
        self.saved_text = text
        self.disk_digest = content_digest(data)
        self.model.path = target
        return target

    def _check_text(self, text: str, expected: list[tuple], target: str, yielding: bool = False) -> None:
        """Refuse to write a text that is not TOML, or whose entries are not the model held."""
        try:
            found = entries_of(build_model(parse_toml(text, target, yielding=yielding), text, target))
        except BizopError as error:
            reason = error.message.removeprefix("invalid TOML: ")
            raise BizopError(f"cannot save: the text bizop holds is not valid TOML ({reason}); "
                             "nothing was written", path=target, line=error.line, column=error.column,
                             source_line=error.source_line,
                             hint="Undo the last edit (ctrl+z), or save under another name and fix it in "
                                  "your editor.") from None
        if found != expected:
            raise BizopError("cannot save: the text bizop holds does not read back as the model shown; "
                             "nothing was written", path=target,
                             hint="Undo the last edit (ctrl+z), or save under another name.")

    def reload(self) -> None:
        """Read the file again, dropping edits and history. A file that cannot be read or is not valid
        TOML raises BizopError and leaves the document exactly as it was."""
        assert self.path is not None
        fresh = Document(read_source(self.path, regular_only=True), path=self.path)
        for name in vars(fresh):
            setattr(self, name, getattr(fresh, name))

    def _verify_written(self, target: str, data: bytes, previous: bytes | None, existed: bool) -> None:
        """Read the file back; unless its bytes are the ones written, put the previous file back."""
        if read_regular(target, len(data)) == data:
            return
        if previous is not None:
            write_atomic(target, previous, force=True)
            undone = "the original was restored"
        elif existed:
            undone = "the original could not be kept (unreadable or over the size limit) to be put back"
        else:
            try:
                os.unlink(target)
                undone = "the new file was removed"
            except OSError:
                undone = "the new file could not be removed"
        raise BizopError(f"the file read back differs from what bizop wrote; {undone}",
                         path=target, hint="Your edits are still in bizop; save under another name.")

    # -- internals ----------------------------------------------------------------------------------

    def _refuse_invalid(self, block: Block, fields: dict[str, Any], editing: str | None = None) -> None:
        problem = self.validate(block, fields, editing)
        if problem:
            raise BizopError(problem, path=self.path)

    def _layout(self) -> Layout:
        if self._layout_cache is None:
            self._layout_cache = scan_layout(self.text)
        return self._layout_cache

    def _span(self, entry: Entry, layout: Layout | None = None) -> Span:
        layout = layout or self._layout()
        spans = layout.spans.get(entry.block.path, [])
        if len(spans) != self.model.sizes.get(entry.block.path, -1):
            raise BizopError(
                f"entries of {entry.block.path} are not all written as [[{entry.block.path}]] tables, "
                "so bizop cannot edit them in place",
                path=self.path, line=entry.line,
                hint="Edit this entry in your editor (key e), or rewrite the block as [[...]] tables.",
            )
        return spans[entry.index]

    def _insertion_point(self, layout: Layout, path: str) -> int:
        spans = layout.spans.get(path)
        if spans:
            if len(spans) != self.model.sizes.get(path, -1):
                raise BizopError(f"entries of {path} are not all written as [[{path}]] tables, so bizop cannot "
                                 "add one in place", path=self.path, hint="Add it in your editor (key e).")
            return spans[-1].end
        if self.model.sizes.get(path):
            raise BizopError(f"entries of {path} are written inline, so bizop cannot add one in place",
                             path=self.path, hint="Add it in your editor (key e).")
        # An empty block: after the last entry of the blocks before it on the same side, else at the end.
        order = [b.path for b in ALL_BLOCKS]
        side = path.split(".")[0]
        for earlier in reversed(order[: order.index(path)]):
            if earlier.startswith(side + ".") and layout.spans.get(earlier):
                return max(s.end for s in layout.spans[earlier])
        return len(self.text)

    def _render_table(self, path: str, fields: dict[str, Any]) -> str:
        keys = [k for k in KEY_ORDER if fields.get(k) not in (None, "", [], ())]
        keys += [k for k in fields if k not in KEY_ORDER and fields[k] is not None]
        lines = [f"[[{path}]]"] + [f"{k} = {_value_item(fields[k], k).as_string()}" for k in keys]
        return self._line_endings("\n".join(lines) + "\n")

    def _line_endings(self, text: str) -> str:
        """`text` (as tomlkit renders it, with \\n) in the file's own line endings."""
        return re.sub(r"(?<!\r)\n", "\r\n", text) if self.newline == "\r\n" else text

    def _rewrite(self, targets: list[tuple[Entry, dict[str, Any]]]) -> tuple[Splice, ...]:
        layout = self._layout()
        planned = [(self._span(entry, layout), entry, fields) for entry, fields in targets]
        planned.sort(key=lambda p: p[0].start, reverse=True)  # back to front: offsets stay valid
        splices = []
        for span, entry, fields in planned:
            old = self.text[span.start : span.end]
            new = self._edit_table_text(entry, old, fields)
            splices.append(Splice(span.start, old, new, entry.block.path, entry.index))
        return tuple(splices)

    def _edit_table_text(self, entry: Entry, old: str, fields: dict[str, Any]) -> str:
        import tomlkit  # imported with the first edit, not at start-up (about 15 ms of the first frame)
        import tomlkit.exceptions

        side, key = entry.block.path.split(".")
        try:
            doc = tomlkit.parse(old)
            table = doc[side][key][0]
            for name, value in fields.items():
                if value in (None, "", [], ()) and name not in ("id", "name"):
                    if name in table:
                        del table[name]
                elif table.get(name) != value:
                    table[name] = _value_item(value)
            new = self._line_endings(tomlkit.dumps(doc))
        except (tomlkit.exceptions.TOMLKitError, RecursionError, ValueError, TypeError):
            raise BizopError("bizop could not write this edit faithfully; nothing was changed", path=self.path,
                             line=entry.line, hint="Make this edit in your editor (key e).") from None
        expected = toml_loads(old)[side][key][0]
        for name, value in fields.items():
            if value in (None, "", [], ()) and name not in ("id", "name"):
                expected.pop(name, None)
            else:
                expected[name] = list(value) if isinstance(value, tuple) else value
        if not same_value(toml_loads(new)[side][key][0], expected):
            raise BizopError("bizop could not write this edit faithfully; nothing was changed", path=self.path,
                             line=entry.line, hint="Make this edit in your editor (key e).")
        return new

    def _commit(self, change: Change) -> None:
        self._apply(list(change.splices))
        self.history.done.append(change)
        self.history.undone.clear()

    def _apply(self, splices: list[Splice]) -> None:
        if all(s.path for s in splices):
            try:
                self._apply_by_entry(splices)
                return
            except (TOMLDecodeError, KeyError, IndexError, TypeError, ValueError):
                self.model = self._read(self.text)  # the model as it was, then the slow path below
        text = self.text
        for splice in splices:
            text = splice.apply(text)
        model = self._read(text)  # raises before anything changes if the edit broke the TOML
        self.text, self.model, self._layout_cache = text, model, None
        self.last_changed = None

    def _apply_by_entry(self, splices: list[Splice]) -> None:
        """Apply entry-local splices, parsing only the entries they touch."""
        text, model = self.text, self.model
        updates = []
        for splice in splices:  # parse everything first: a failure leaves text and model untouched
            line = text.count("\n", 0, splice.at) + 1
            # A splice in the middle of a line (after a last line with no newline) leaves that line put.
            moves_from = line - 1 if splice.at == 0 or text[splice.at - 1] == "\n" else line
            text = splice.apply(text)
            updates.append((splice, line, moves_from, self._parse_table(splice)))
        changed: set[str] = set()
        removed: list[Entry] = []
        added: list[Entry] = []
        for splice, line, moves_from, item in updates:
            changed |= self._update_model(model, splice, line, item, moves_from, removed, added)
            if self._layout_cache is not None:
                self._layout_cache.replace(splice.at, splice.removed, splice.inserted, splice.path, splice.index)
        model.reindex_after(removed, added)
        self.text = text
        self.last_changed = changed

    def _parse_table(self, splice: Splice) -> dict[str, Any] | None:
        if not splice.inserted.strip():
            return None
        side, key = splice.path.split(".")
        tables = toml_loads(splice.inserted)[side][key]
        if len(tables) != 1:
            raise ValueError("a splice must hold exactly one table")
        return tables[0]

    def _update_model(self, model: Model, splice: Splice, line: int, item: dict[str, Any] | None,
                      moves_from: int, removed: list[Entry], added: list[Entry]) -> set[str]:
        """Apply one splice to the model; returns the ids of the entries it removed or (re)wrote, and
        adds those entries to `removed` and `added`."""
        path, index = splice.path, splice.index
        entries = model.blocks[path]
        position = next((i for i, e in enumerate(entries) if e.index >= index), len(entries))
        replacing = bool(splice.removed.strip())
        if replacing:
            if position >= len(entries) or entries[position].index != index:
                raise IndexError("the entry to replace is not loaded")
            changed = {entries[position].id}
            removed.append(entries[position])
            del entries[position]
        else:
            changed = set()
        delta = splice.inserted.count("\n") - splice.removed.count("\n")
        model.shift_lines(moves_from, delta)
        if item is None or not replacing:  # an entry removed or inserted: the ones after it move
            step = -1 if item is None else 1
            for entry in entries[position:]:
                entry.index += step
            model.sizes[path] = model.sizes.get(path, 0) + step
        if item is not None:
            own = scan_layout(splice.inserted).spans[path][0]  # the header, not a [[ in a comment above it
            header = line + splice.inserted.count("\n", 0, own.start)
            entry = build_entry(BLOCKS_BY_PATH[path], index, item, header, self.path)
            if entry is None:
                raise ValueError("the new table has no usable id")
            entries.insert(position, entry)
            added.append(entry)
            changed.add(entry.id)
        return changed
