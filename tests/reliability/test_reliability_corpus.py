"""Stories over the toml-test 1.0 corpus: any valid TOML opens and saves byte-identical; invalid TOML is
refused with a message, never a crash. The corpus lives outside the project (../shared/corpus); a
clone without it skips these tests.
"""

from __future__ import annotations

import pytest

from bizop_tui.model import BizopError, load_model
from bizop_tui.model.document import Document
from reliability_helpers import CORPUS, render_all

pytestmark = pytest.mark.slow


def _files(kind: str) -> list:
    if not CORPUS.is_dir():
        return []
    return sorted((CORPUS / kind).rglob("*.toml"))


def _ids(paths) -> list[str]:
    return [str(p.relative_to(CORPUS)) for p in paths]


VALID = _files("valid")
INVALID = _files("invalid")


@pytest.fixture(autouse=True)
def corpus_present():
    if not CORPUS.is_dir():
        pytest.skip(f"the toml-test corpus is not at {CORPUS}")


def test_the_corpus_is_complete():
    assert len(VALID) > 200 and len(INVALID) > 400


@pytest.mark.parametrize("path", VALID or [None], ids=_ids(VALID) or ["absent"])
def test_every_valid_toml_file_opens_and_saves_byte_identical(path, tmp_path):
    original = path.read_bytes()
    doc = Document.open(str(path))  # a model with findings when it is not a bizop model
    assert doc.model is not None and not doc.dirty
    copy = tmp_path / "copy.toml"
    doc.save(str(copy))
    assert copy.read_bytes() == original
    assert path.read_bytes() == original


@pytest.mark.parametrize("path", VALID or [None], ids=_ids(VALID) or ["absent"])
def test_every_valid_toml_file_can_be_reviewed(path):
    model = load_model(str(path))
    outputs = render_all(model)
    assert all(isinstance(text, str) and text for text in outputs.values())


@pytest.mark.parametrize("path", INVALID or [None], ids=_ids(INVALID) or ["absent"])
def test_every_invalid_toml_file_is_refused_with_a_message(path):
    original = path.read_bytes()
    try:
        Document.open(str(path))
    except BizopError as error:
        assert error.message.strip()
        rendered = error.render()
        assert "\x1b" not in rendered and "Traceback" not in rendered
        assert error.path == str(path)
    assert path.read_bytes() == original
