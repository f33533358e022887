"""The recovery journal: unsaved edits kept in the user's state folder until a clean save or quit.

If bizop dies (a crash, a killed terminal, a dropped SSH connection), the next open of the same file
finds the journal and offers the edits back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass

from bizop_tui.model.errors import BizopError
from bizop_tui.model.storage import write_atomic


def state_dir() -> str:
    """Where journals live: $BIZOP_STATE_DIR, else the platform's user state folder."""
    override = os.environ.get("BIZOP_STATE_DIR")
    if override:
        return override
    from platformdirs import user_state_dir

    return user_state_dir("bizop", appauthor=False)


@dataclass(frozen=True, slots=True)
class Recovered:
    file: str
    base_digest: str | None
    written_at: str
    text: str


class Journal:
    """One journal file per model file (or per unsaved sample), keyed by its absolute path."""

    def __init__(self, key: str) -> None:
        self.key = key
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
        self.path = os.path.join(state_dir(), "recovery", f"{digest}.json")

    @classmethod
    def for_file(cls, path: str | None, fallback: str = "unsaved") -> Journal:
        return cls(os.path.abspath(path) if path else f"unsaved:{fallback}")

    def record(self, text: str, base_digest: str | None) -> None:
        """Keep `text` (the whole unsaved model) safe; raises BizopError if the folder is unwritable."""
        try:
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
        except OSError as exc:
            raise BizopError(f"cannot create the recovery folder ({exc.strerror or exc})",
                             path=os.path.dirname(self.path), hint="Check $BIZOP_STATE_DIR or the state folder.") from None
        payload = {
            "file": self.key,
            "base_digest": base_digest,
            "written_at": dt.datetime.now().isoformat(timespec="seconds"),
            "text": text,
        }
        # A journal holds the whole unsaved model: readable by its owner only.
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), new_mode=0o600)

    def pending(self) -> Recovered | None:
        """The edits left by an earlier session, or None (a damaged journal is treated as none)."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            return Recovered(data["file"], data.get("base_digest"), data.get("written_at", "?"), data["text"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise BizopError(f"cannot remove the recovery journal ({exc.strerror})", path=self.path) from None
