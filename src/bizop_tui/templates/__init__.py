"""The bundled models: starter templates for `bizop new` and the samples the app opens first."""

from __future__ import annotations

DEFAULT_SAMPLE = "amazon"
DEFAULT_TEMPLATE = "starter"


def template_names() -> list[str]:
    from importlib import resources  # here, not at import: the app opens a file without it (~10 ms)

    folder = resources.files(__name__)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def template_text(name: str) -> str:
    """The text of template `name`; KeyError when there is none by that name."""
    from importlib import resources

    resource = resources.files(__name__).joinpath(f"{name}.toml")
    if not resource.is_file():
        raise KeyError(name)
    return resource.read_text("utf-8")
