"""Fuzz stories: damaged copies of the sample files go through everything that reads a model (decoding,
parsing, loading, the alignment engine, the three renderers, the editable document). The only
exception allowed anywhere is a BizopError with a message.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizop_tui.model import BizopError, load_text
from bizop_tui.model.document import Document
from bizop_tui.model.source import decode_source
from bizop_tui.tui.text import plain
from reliability_helpers import TEMPLATES, fresh_snapshot, render_all, snapshot, time_limit

pytestmark = pytest.mark.slow

SAMPLES = {p.stem: p.read_bytes() for p in TEMPLATES}

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Bytes that matter to TOML and to UTF-8: brackets, quotes, escapes, newlines, continuation and lead bytes.
INTERESTING = st.sampled_from(
    [b"[", b"]", b"[[", b"]]", b"{", b"}", b'"', b"'", b'"""', b"'''", b"\\", b"\n", b"\r\n", b"\r", b"#", b"=",
     b".", b",", b"\x00", b"\x1b", b"\x7f", b"\xc3", b"\xa9", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xff",
     b"inf", b"nan", b"1979-05-27", b"id = ", b"supports = [", b"[[business.channels]]\n", b"[model]\n"]
)


@st.composite
def damaged(draw, samples=SAMPLES) -> bytes:
    """A sample file with a few bytes flipped, inserted, deleted, or chunks of samples spliced in."""
    name = draw(st.sampled_from(sorted(samples)))
    data = bytearray(samples[name])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "splice", "duplicate-line", "truncate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.one_of(INTERESTING, st.binary(min_size=1, max_size=4)))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "splice":
            donor = samples[draw(st.sampled_from(sorted(samples)))]
            start = draw(st.integers(0, len(donor)))
            data[at:at] = donor[start : start + draw(st.integers(1, 400))]
        elif kind == "duplicate-line":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end == -1 else end + 1
            data[end:end] = data[start:end]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


def _read_everything(raw: bytes):
    """Everything a person can do with a file they just opened, short of saving it."""
    source = decode_source(raw, "fuzzed.toml")
    model = load_text(source.text, "fuzzed.toml")
    outputs = render_all(model)
    assert all(outputs.values())
    plain(model.name)
    return source, model


@settings(FUZZ, max_examples=150)
@given(raw=damaged())
def test_damaged_files_give_a_model_or_a_bizop_error(raw):
    with time_limit(20, "reading a damaged file"):
        try:
            _read_everything(raw)
        except BizopError as error:
            assert error.message.strip()
            assert error.render().strip()


@settings(FUZZ, max_examples=80)
@given(raw=damaged(), data=st.data())
def test_editing_a_damaged_file_gives_a_consistent_model_or_a_bizop_error(raw, data):
    """Files that still parse after damage are edited; the model must stay the model of the text."""
    try:
        source = decode_source(raw)
        doc = Document(source, path=None)
    except BizopError:
        return
    before = doc.text
    ids = sorted(doc.model.by_id)
    actions = [
        lambda: doc.add_entry(data.draw(st.sampled_from(["business.channels", "operating.processes",
                                                         "business.key_partners"])), {"name": "Fuzz"}),
    ]
    if ids:
        target = data.draw(st.sampled_from(ids))

        def on_target(edit):
            return lambda: edit() if target in doc.model.by_id else None

        actions += [
            on_target(lambda: doc.update_entry(target, {"name": "Renamed", "notes": "a\nb"})),
            on_target(lambda: doc.update_entry(target, {"supports": [target]})),
            on_target(lambda: doc.delete_entry(target)),
        ]
    with time_limit(20, "editing a damaged file"):
        for action in data.draw(st.permutations(actions)):
            current = doc.text
            try:
                action()
            except BizopError as error:
                assert error.message
                assert doc.text == current
            assert snapshot(doc.model) == fresh_snapshot(doc.text)
        while doc.undo():
            pass
    assert doc.text == before


@settings(FUZZ, max_examples=100)
@given(raw=st.binary(max_size=300))
def test_random_bytes_give_a_model_or_a_bizop_error(raw):
    try:
        _read_everything(raw)
    except BizopError as error:
        assert error.message.strip()


@settings(FUZZ, max_examples=100)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_random_text_gives_a_model_or_a_bizop_error(text):
    try:
        _read_everything(text.encode("utf-8"))
    except BizopError as error:
        assert error.message.strip()
