"""The person's settings for the app: `config.toml` in the user config folder (or $BIZOP_CONFIG_DIR),
with a `[keymap]` (binding id = keys), the theme last chosen and whether to animate. A bad file is
reported, never fatal. No Textual here: reading and writing settings is plain data."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field

CONFIG_ENV = "BIZOP_CONFIG_DIR"
SSH_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
MAX_CONFIG_BYTES = 1024 * 1024
# A key as Textual names it: a character, or a name with modifiers ("ctrl+e", "f5", "question_mark").
_KEY = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*([a-z0-9_]+|[^\s,])$")


def config_dir() -> str:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return override
    from platformdirs import user_config_dir

    return user_config_dir("bizop", appauthor=False)


def config_path() -> str:
    return os.path.join(config_dir(), "config.toml")


@dataclass(slots=True)
class Config:
    path: str
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, comma-separated
    theme: str | None = None
    animations: bool | None = None  # None: animate, but not over SSH
    problems: list[str] = field(default_factory=list)  # what was wrong and ignored, for the person


def load_config(path: str | None = None) -> Config:
    """Read the settings; anything wrong is left out and described in `problems`."""
    path = path or config_path()
    config = Config(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return config
    except OSError as error:
        config.problems.append(f"cannot read it ({error.strerror or error})")
        return config
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CONFIG_BYTES:
        config.problems.append("it is not a regular file of at most 1 MB; ignored")
        return config
    try:
        with open(path, "rb") as handle:
            data = tomllib.loads(handle.read(MAX_CONFIG_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        config.problems.append(f"not valid TOML ({error}); default keys and theme are used")
        return config
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append("[keymap] must be a table of  id = \"key\"  lines")
        keymap = {}
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            config.problems.append(f"keymap: {binding_id} must be a key in quotes, such as \"ctrl+e\"")
            continue
        bad = [key for key in keys.split(",") if not _KEY.match(key.strip())]
        if bad:
            config.problems.append(f"keymap: {binding_id} = \"{keys}\" is not a key name Textual knows")
            continue
        config.keymap[binding_id] = ",".join(key.strip() for key in keys.split(","))
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        config.problems.append("theme must be a name in quotes, such as \"textual-light\"")
    else:
        config.theme = theme
    animations = data.get("animations")
    if animations is not None and not isinstance(animations, bool):
        config.problems.append("animations must be true or false")
    else:
        config.animations = animations
    return config


def over_ssh(environ) -> bool:
    return any(environ.get(name) for name in SSH_VARIABLES)


def animation_level(animations: bool | None, environ) -> str | None:
    """Textual's animation level for this session ("full" or "none"), or None to leave Textual's own
    (TEXTUAL_ANIMATIONS, else "full"). The config's `animations` decides; without it, none over SSH,
    where each frame of an animation is a redraw sent down the link."""
    if animations is not None:
        return "full" if animations else "none"
    if over_ssh(environ) and not environ.get("TEXTUAL_ANIMATIONS"):
        return "none"
    return None


def remember_theme(theme: str, path: str | None = None) -> str | None:
    """Write `theme` into the settings, keeping everything else in the file; returns a problem or None."""
    import tomlkit
    import tomlkit.exceptions

    from bizop_tui.model.errors import BizopError
    from bizop_tui.model.storage import write_atomic

    path = path or config_path()
    try:
        with open(path, encoding="utf-8") as handle:
            document = tomlkit.parse(handle.read(MAX_CONFIG_BYTES))
    except FileNotFoundError:
        document = tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as error:
        return f"the theme was not remembered: cannot read {path} ({error})"
    if document.get("theme") == theme:
        return None
    document["theme"] = theme
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    except (OSError, BizopError) as error:
        return f"the theme was not remembered: {getattr(error, 'message', error)}"
    return None
