"""Concepts: the words people use for a kind of capability, and how an entry's text is searched for them.

The vocabulary is data (concepts.toml). Text is compared in a normal form: accents, case, hyphens and
punctuation ignored, so "Win-back offers" shows the term "win back" and "Café" the word "cafe".
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from bizop_tui.model.entities import Entry

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SENTENCES = re.compile(r"[.!?;:\n]+")
_NEGATIONS = frozenset({"no", "not", "without", "lacks", "lack", "lacking", "missing", "never", "none", "nor"})
# Words that carry no meaning when comparing what two entries are about.
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our per the their this to via was we "
    "with within who what which how all any each also more most other than that these those them they".split()
)
# Words that name a kind of thing, not what it does: "CRM system" and "CRM platform" do the same job.
_KIND_WORDS = frozenset(
    "system systems platform platforms tool tools software service services solution solutions app apps "
    "application applications team teams process processes new legacy old main core unit units department "
    "function programme program practice practices division divisions office offices people group groups "
    "contract contracts agreement".split()
)


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    what: str
    terms: tuple[str, ...]  # in normal form, searched in names, ids and tags
    note_terms: tuple[str, ...]  # the terms searched in notes too (not everyday words like "support")


@dataclass(frozen=True, slots=True)
class Match:
    """Where an entry shows a concept: the term found and the field it was found in."""

    term: str
    field: str  # "name", "id", "tags" or "notes"

    def describe(self) -> str:
        return f"'{self.term}' in its {self.field}"


@lru_cache(maxsize=65536)  # the same names and notes are searched for many concepts
def normal(text: str) -> str:
    """Lower case, accents dropped, every run of other characters one space: "Win-back" -> "win back"."""
    if text.isascii():  # the usual case: no accents to drop
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", ascii_text).strip()


@cache
def concepts() -> dict[str, Concept]:
    # A plain path beside the package: importlib.resources costs ~40 ms of imports on every run.
    path = os.path.join(os.path.dirname(__file__), "concepts.toml")
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    found = {}
    for name, table in data.items():
        terms = tuple(dict.fromkeys(normal(t) for t in table["terms"]))
        name_only = {normal(t) for t in table.get("name_only", ())}
        found[name] = Concept(name, table["what"], terms, tuple(t for t in terms if t not in name_only))
    return found


def concept(name: str) -> Concept:
    return concepts()[name]


@cache
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "customer success" wins over "customer"; a plural ending is allowed.
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9])(" + alternatives + r")(?:s|es)?(?![a-z0-9])")


def find(terms: tuple[str, ...], entry: Entry, note_terms: tuple[str, ...] = ()) -> Match | None:
    """The first of `terms` (in normal form) that `entry` shows in its name, id or tags, or of
    `note_terms` in its notes."""
    return find_in(terms, entry.name, entry.id, entry.tags, entry.notes, note_terms)


def shows(concept_name: str, entry: Entry) -> Match | None:
    """Where `entry` shows the concept, or None."""
    known = concept(concept_name)
    return find(known.terms, entry, known.note_terms)


@lru_cache(maxsize=65536)  # entries rarely change between analyses: most answers are remembered
def find_in(terms: tuple[str, ...], name: str, entry_id: str = "", tags: tuple[str, ...] = (),
            notes: str = "", note_terms: tuple[str, ...] = ()) -> Match | None:
    """The first of `terms` shown in the name, id or tags, else of `note_terms` in the notes."""
    if terms:
        pattern = _pattern(terms)
        for field, text in (("name", name), ("id", entry_id), ("tags", " , ".join(tags))):
            found = pattern.search(normal(text))
            if found:
                return Match(found.group(1), field)
    if not note_terms or not notes:
        return None
    pattern = _pattern(note_terms)
    for sentence in _SENTENCES.split(notes):
        text = normal(sentence)
        for found in pattern.finditer(text):
            before = text[: found.start()].split()[-3:]
            if not _NEGATIONS.intersection(before):
                return Match(found.group(1), "notes")
    return None


# -- what an entry is about ----------------------------------------------------------------------


def words(text: str) -> frozenset[str]:
    """The meaningful words of `text`, singular: for comparing what two entries are about."""
    return _words(text)


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    found = set()
    for word in normal(text).split():
        if len(word) < 3 or word in _STOPWORDS:
            continue
        found.add(_stem(word))
    return frozenset(found)


_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ions", "ion", "ments", "ment", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude stem, enough to tell that "server" and "serving", "ads" and "ad" are one word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def entry_words(entry: Entry) -> frozenset[str]:
    return words(" ".join((entry.name, " ".join(entry.tags), entry.notes)))


def name_similarity(a: Entry, b: Entry) -> float:
    """Shared words over all words of the two names, leaving out words for kinds of thing (system, team)."""
    first, second = words(a.name) - _KIND_WORDS, words(b.name) - _KIND_WORDS
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def is_vague(name: str, model_name: str) -> bool:
    """A name that says nothing about the work: "All employees", "Head office", or the company's own name."""
    if find_in(concept("vague").terms, name):
        return True
    own = normal(model_name).split()
    generic = set(concept("generic").terms) | set(own)
    meaningful = [w for w in normal(name).split() if w not in generic]
    return not meaningful
