"""From parsed TOML data to a Model: load all that can be loaded, report every schema problem with its line."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import replace
from typing import Any

from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry, Finding, Model
from bizop_tui.model.lines import LineIndex
from bizop_tui.model.vocabulary import (
    ACTIVE,
    BLOCKS_BY_SIDE,
    INT_MAX,
    INT_MIN,
    MODEL_KEYS,
    SIDES,
    STATUSES,
    Block,
    known_keys,
)

TOP_LEVEL_KEYS = ("model", "business", "operating", "archetypes")


def build_model(data: dict[str, Any], text: str, path: str | None = None) -> Model:
    """Turn tomllib data into a Model; problems become findings on `model.problems`."""
    builder = _Builder(text, path)
    return builder.build(data)


def build_entry(block: Block, index: int, item: dict[str, Any], line: int | None, path: str | None) -> Entry | None:
    """One entry read on its own (after an edit), with its problems; None if it has no usable id."""
    builder = _Builder("", path)
    return builder.read_entry(block, index, item, line)


class _Builder:
    def __init__(self, text: str, path: str | None) -> None:
        self.lines = LineIndex(text)
        self.path = path
        self.problems: list[Finding] = []

    def problem(self, rule: str, severity: str, message: str, *, entries=(), line=None, hint="") -> None:
        line = line() if callable(line) else line  # [model] keys look their line up only for a problem
        self.problems.append(Finding(rule, severity, message, tuple(entries), line, hint))

    def build(self, data: dict[str, Any]) -> Model:
        model = self.read_settings(data.get("model"))
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.problem(
                    "schema.unknown-key",
                    INFO,
                    f"top-level key '{key}' is not part of the bizop format; it is kept as it is",
                    line=self.lines.key_line(key),
                    hint=_did_you_mean(key, TOP_LEVEL_KEYS),
                )
        custom = data.get("archetypes", {})
        if isinstance(custom, dict):
            model.custom_archetypes = custom
        else:
            self.problem(
                "schema.wrong-type",
                ERROR,
                "'archetypes' must be a table of archetype rule sets",
                line=self.lines.key_line("archetypes"),
                hint="See docs/alignment.md, 'Archetype rules'.",
            )
        for side in SIDES:
            self.read_side(model, side, data.get(side, {}))
        model.file_problems = self.problems
        model.reindex()
        return model

    def read_settings(self, table: Any) -> Model:
        line = lambda: self.lines.key_line("model")  # noqa: E731 - looked up only for a problem
        if table is None:
            self.problem(
                "schema.missing-model",
                ERROR,
                "the file has no [model] table",
                hint='Add at the top:  [model]  name = "Your organisation"',
            )
            table = {}
        elif not isinstance(table, dict):
            self.problem("schema.wrong-type", ERROR, "'model' must be a table", line=line, hint="Write it as [model].")
            table = {}
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            self.problem(
                "schema.missing-name",
                ERROR,
                "[model] needs a name (a non-empty string)",
                line=line,
                hint='Add  name = "Your organisation"  under [model].',
            )
            name = _stem(self.path)
        archetype = table.get("archetype")
        if archetype is None:
            archetypes: tuple[str, ...] = ()
        elif isinstance(archetype, str):
            archetypes = (archetype,)
        elif isinstance(archetype, list) and all(isinstance(a, str) for a in archetype):
            archetypes = tuple(archetype)
        else:
            self.problem(
                "schema.wrong-type",
                ERROR,
                "[model] archetype must be a name or a list of names",
                line=self.lines.key_line("archetype"),
                hint='For example  archetype = "subscription"',
            )
            archetypes = ()
        for key in ("business_review_days", "operating_review_days"):
            days = table.get(key)
            if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
                self.problem("schema.wrong-type", ERROR, f"[model] {key} must be a whole number of days (1 or more)",
                             line=self.lines.key_line(key), hint=f"For example  {key} = 180")
        rules = table.get("disabled_rules")
        if rules is not None and not (isinstance(rules, list) and all(isinstance(r, str) for r in rules)):
            self.problem("schema.wrong-type", ERROR, "[model] disabled_rules must be a list of rule ids",
                         line=self.lines.key_line("disabled_rules"), hint='For example  disabled_rules = ["stale"]')
        for key in table:
            if key not in MODEL_KEYS:
                self.problem(
                    "schema.unknown-key",
                    INFO,
                    f"[model] key '{key}' is not part of the bizop format; it is kept as it is",
                    line=self.lines.key_line(key),
                    hint=_did_you_mean(key, MODEL_KEYS),
                )
        return Model(
            name=name,
            path=self.path,
            description=self.string(table, "description", "[model]", lambda: self.lines.key_line("description")),
            archetypes=archetypes,
            currency=self.string(table, "currency", "[model]", lambda: self.lines.key_line("currency")),
            reviewed=self.date(table, "reviewed", "[model]", lambda: self.lines.key_line("reviewed")),
            settings=dict(table),
        )

    def read_side(self, model: Model, side: str, table: Any) -> None:
        if not isinstance(table, dict):
            self.problem(
                "schema.wrong-type",
                ERROR,
                f"'{side}' must be a table of blocks",
                line=self.lines.key_line(side),
                hint=f"Write entries as [[{side}.BLOCK]] tables.",
            )
            return
        blocks = {b.key: b for b in BLOCKS_BY_SIDE[side]}
        for key, value in table.items():
            block = blocks.get(key)
            if block is None:
                self.problem(
                    "schema.unknown-block",
                    WARNING,
                    f"'{side}.{key}' is not one of the {side} blocks; its entries are kept but not analysed",
                    line=self.lines.key_line(key),
                    hint=_did_you_mean(key, blocks) or "Known blocks: " + ", ".join(blocks),
                )
                continue
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                self.problem(
                    "schema.wrong-type",
                    ERROR,
                    f"'{block.path}' must be an array of tables",
                    line=self.lines.key_line(key),
                    hint=f"Write each entry as a [[{block.path}]] table.",
                )
                continue
            model.sizes[block.path] = len(value)
            for index, item in enumerate(value):
                line = self.lines.entry_line(block.path, index, len(value), item.get("id"))
                entry = self.read_entry(block, index, item, line)
                if entry is not None:
                    model.blocks[block.path].append(entry)

    def read_entry(self, block: Block, index: int, item: dict[str, Any], line: int | None) -> Entry | None:
        """One entry; its problems go on the entry, or on the file when it cannot be loaded."""
        file_problems = self.problems
        self.problems = []
        try:
            entry = self._read_entry(block, index, item, line)
        finally:
            entry_problems, self.problems = self.problems, file_problems
        if entry is None:
            self.problems.extend(entry_problems)
        else:
            entry.problems = tuple(replace(p, line=None) for p in entry_problems)
        return entry

    def _read_entry(self, block: Block, index: int, item: dict[str, Any], line: int | None) -> Entry | None:
        entry = _well_formed_entry(block, index, item, line)
        if entry is not None:
            return entry
        where = f"entry {index + 1} of {block.path}"
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id.strip():
            self.problem(
                "schema.missing-id",
                ERROR,
                f"{where} has no id" if entry_id is None else f"{where} has an id that is not a non-empty string",
                line=line,
                hint='Add  id = "short-unique-name"  to the entry.',
            )
            return None
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            self.problem(
                "schema.missing-name",
                ERROR,
                f"entry '{entry_id}' has no name",
                entries=(entry_id,),
                line=line,
                hint='Add  name = "What it is"  to the entry.',
            )
            name = entry_id
        where = f"entry '{entry_id}'"
        keys = known_keys(block)
        extra = {k: v for k, v in item.items() if k not in keys}
        for key in extra:
            self.problem(
                "schema.unknown-key",
                INFO,
                f"{where} has key '{key}', which bizop does not use; it is kept as it is",
                entries=(entry_id,),
                line=line,
                hint=_did_you_mean(key, keys),
            )
        owner = item.get("owner") if "owner" in keys else None
        if owner is not None and not isinstance(owner, str):
            self.problem("schema.wrong-type", ERROR, f"{where}: owner must be an id", entries=(entry_id,), line=line,
                         hint='For example  owner = "ops-team"')
            owner = None
        return Entry(
            id=entry_id,
            name=name,
            block=block,
            index=index,
            line=line,
            notes=self.string(item, "notes", where, line, entry_id),
            tags=self.strings(item, "tags", where, line, entry_id),
            reviewed=self.date(item, "reviewed", where, line, entry_id),
            supports=self.strings(item, "supports", where, line, entry_id),
            segments=self.strings(item, "segments", where, line, entry_id) if "segments" in keys else (),
            owner=owner,
            amount=self.number(item, "amount", where, line, entry_id) if "amount" in keys else None,
            cost=self.number(item, "cost", where, line, entry_id) if "cost" in keys else None,
            status=self.status(item, where, line, entry_id),
            conflicts=self.strings(item, "conflicts", where, line, entry_id),
            extra=extra,
        )

    # -- typed fields -------------------------------------------------------------------------------

    def wrong_type(self, key: str, where: str, line, entry_id, expected: str, example: str) -> None:
        self.problem(
            "schema.wrong-type",
            ERROR,
            f"{where}: '{key}' must be {expected}",
            entries=(entry_id,) if entry_id else (),
            line=line,
            hint=f"For example  {key} = {example}",
        )

    def string(self, table, key, where, line, entry_id=None) -> str:
        value = table.get(key, "")
        if isinstance(value, str):
            return value
        self.wrong_type(key, where, line, entry_id, "a string", '"..."')
        return ""

    def strings(self, table, key, where, line, entry_id=None) -> tuple[str, ...]:
        value = table.get(key, ())
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        if isinstance(value, tuple):
            return value
        self.wrong_type(key, where, line, entry_id, "a list of strings", '["a", "b"]')
        return ()

    def number(self, table, key, where, line, entry_id=None) -> int | float | None:
        value = table.get(key)
        if value is None:
            return None
        if _usable_number(value):
            return value
        if isinstance(value, float) and not math.isfinite(value):
            expected = "a finite number (not nan or inf)"
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            expected = "a number within TOML's 64-bit integer range (about 9.2e18)"
        else:
            expected = "a number"
        self.wrong_type(key, where, line, entry_id, expected, "120000")
        return None

    def status(self, table, where, line, entry_id=None) -> str:
        value = table.get("status", ACTIVE)
        if isinstance(value, str) and value in STATUSES:
            return value
        self.wrong_type("status", where, line, entry_id, "one of " + ", ".join(STATUSES), '"planned"')
        return ACTIVE

    def date(self, table, key, where, line, entry_id=None) -> dt.date | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.wrong_type(key, where, line, entry_id, "a date", "2026-01-31")
        return None


_STRINGS = ("tags", "supports", "segments", "conflicts")
_KNOWN = {}  # block path -> the keys bizop knows there (known_keys, looked up once)


def _well_formed_entry(block: Block, index: int, item: dict[str, Any], line: int | None) -> Entry | None:
    """The entry when every key is known and of the right type (the usual case), else None so that
    the careful path reports each problem."""
    keys = _KNOWN.get(block.path)
    if keys is None:
        keys = _KNOWN[block.path] = known_keys(block)
    entry_id, name = item.get("id"), item.get("name")
    if not (isinstance(entry_id, str) and entry_id.strip() and isinstance(name, str) and name.strip()):
        return None
    if not keys.issuperset(item):
        return None
    lists = {}
    for key in _STRINGS:
        value = item.get(key, ())
        if value and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return None
        lists[key] = tuple(value)
    notes, owner, reviewed = item.get("notes", ""), item.get("owner"), item.get("reviewed")
    if not isinstance(notes, str) or (owner is not None and not isinstance(owner, str)):
        return None
    if reviewed is not None:
        if isinstance(reviewed, dt.datetime):
            reviewed = reviewed.date()
        elif not isinstance(reviewed, dt.date):
            return None
    amount, cost = item.get("amount"), item.get("cost")
    if (amount is not None and not _usable_number(amount)) or (cost is not None and not _usable_number(cost)):
        return None
    status = item.get("status", ACTIVE)
    if not isinstance(status, str) or status not in STATUSES:
        return None
    return Entry(id=entry_id, name=name, block=block, index=index, line=line, notes=notes, tags=lists["tags"],
                 reviewed=reviewed, supports=lists["supports"], segments=lists["segments"], owner=owner,
                 amount=amount, cost=cost, status=status, conflicts=lists["conflicts"])


def _usable_number(value: Any) -> bool:
    """A finite number within the range of TOML's 64-bit integers (floats too: sums of amounts stay exact
    enough and finite)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (isinstance(value, int) or math.isfinite(value)) and INT_MIN <= value <= INT_MAX


def _did_you_mean(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1)
    return f"Did you mean '{close[0]}'?" if close else ""


def _stem(path: str | None) -> str:
    if not path:
        return "Untitled model"
    import os

    return os.path.splitext(os.path.basename(path))[0]
