"""The bizop app: start-up, the person's theme and keymap, the palette and quitting. Everything on screen
is the main screen's (screens/main.py); the model, the alignment and the file are the session's."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bizop_tui.model.text import one_line
from bizop_tui.session import Session
from bizop_tui.tui import heap
from bizop_tui.tui.config import Config, animation_level, load_config, remember_theme
from bizop_tui.tui.hang_up import watch_terminal
from bizop_tui.tui.keys import KeyHelp, binding_ids, key_help
from bizop_tui.tui.screens.main import MainScreen
from bizop_tui.tui.screen_copy import ScreenCopy
from bizop_tui.tui.size_classes import set_size_classes
from bizop_tui.tui.theme import BIZOP_DARK
from bizop_tui.tui.typeahead import TypeAhead
from bizop_tui.tui.widgets.finding_list import FindingList
from bizop_tui.tui.widgets.model_tree import ModelTree


def keyed_classes() -> tuple[type, ...]:
    """The classes whose bindings a keymap may name (each binding with an id). The dialogs are imported
    here, not at start-up: the first frame does without them, and each is imported when first opened."""
    from bizop_tui.tui.screens.compare_with import CompareInput, CompareWith
    from bizop_tui.tui.screens.dialogs import Choice, SaveAs, SaveInput
    from bizop_tui.tui.screens.field_form import FieldForm, FormInput
    from bizop_tui.tui.screens.help import Help
    from bizop_tui.tui.screens.link_picker import FilterInput, LinkPicker, SourcePicker
    from bizop_tui.tui.screens.main import FindInput
    from bizop_tui.tui.screens.report import Report

    return (MainScreen, FindInput, ModelTree, FindingList, FieldForm, FormInput, LinkPicker, SourcePicker, FilterInput,
            Choice, SaveAs, SaveInput, Help, CompareWith, CompareInput, Report)


NOT_IN_PALETTE = {"next_pane", "previous_pane", "quit_q", "palette"}


class BizopApp(TypeAhead, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bizop"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "quit", id="quit", priority=True, tooltip="Quit (asks about unsaved changes)"),
        Binding("ctrl+p", "command_palette", "palette", id="palette", priority=True,
                tooltip="Every action by name (the command palette)"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, session: Session, *, watch_interval: float = 1.0, config: Config | None = None) -> None:
        super().__init__()
        self.session = session
        self.config = config or load_config()
        self.animation_level = animation_level(self.config.animations, os.environ) or self.animation_level
        self.keymap: dict[str, str] = {}
        self.main_screen = MainScreen(session, watch_interval=watch_interval)
        self._theme_ready = False
        self.register_theme(BIZOP_DARK)
        self._start_in(self.config.theme if self.config.theme in self.available_themes else BIZOP_DARK.name)
        self._clashes_said: set[frozenset[str]] = set()
        self._held_keys: list[events.Key] = []  # typed while a screen is still opening (typeahead.py)
        self._screen_copy = ScreenCopy()  # what the terminal shows: only changed cells are written

    def _start_in(self, theme: str) -> None:
        """Start in `theme` without a second reading of the stylesheet.

        Setting `self.theme` queues a fresh parse and restyle of everything for after start-up
        (about 20 ms before the first frame), though nothing has been styled yet. A theme as dark as
        Textual's default only needs its colours in the stylesheet and its class on the app;
        one of the other brightness takes the usual way, which also sets the terminal's ANSI colours.
        """
        if self.get_theme(theme).dark != self.current_theme.dark:
            self.theme = theme
            return
        self.update_classes({name: False for name in self.classes if name.startswith("-theme-")}, update=False)
        self.set_reactive(App.theme, theme)
        self.set_class(True, f"-theme-{theme}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen:
        return set_size_classes(self.main_screen, self)

    def push_screen(self, screen, *args, **kwargs):
        if isinstance(screen, Screen):
            set_size_classes(screen, self)  # laid out for this terminal from its first frame
        return super().push_screen(screen, *args, **kwargs)

    def on_mount(self) -> None:
        watch_terminal(self, self.session)
        self.apply_config()
        self.app_resume_signal.subscribe(self, lambda _: self._screen_copy.forget())  # back from $EDITOR

    def on_unmount(self) -> None:
        heap.release()

    def _display(self, screen: Screen, renderable) -> None:
        """Write only the cells an update changes (see screen_copy.py)."""
        driver = self._driver
        if (isinstance(renderable, CompositorUpdate) and driver is not None and not driver.is_inline
                and not self.is_headless and self._running and not self._closed and not self._batch_count):
            copy = self._screen_copy
            if copy.size != self.size:  # nothing to compare with (the first frame): write it, then copy it
                super()._display(screen, renderable)
                copy.changes(renderable, self.size, self.console)
                return
            renderable = copy.changes(renderable, self.size, self.console)
        super()._display(screen, renderable)

    def apply_config(self) -> None:
        """The keymap and theme of the config file; what cannot be used is said, not fatal."""
        config = self.config
        problems = list(config.problems)
        known = binding_ids(type(self), *keyed_classes()) if config.keymap else set()
        unknown = sorted(set(config.keymap) - known)
        if unknown:
            problems.append(f"keymap: no key is called {', '.join(unknown)}; the ids are listed in docs/keys.md")
        self.keymap = {k: v for k, v in config.keymap.items() if k in known}
        if self.keymap:
            self.set_keymap(self.keymap)
        if config.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                problems.append(f"theme: there is no theme called '{one_line(config.theme, 40)}'")
        self._theme_ready = True
        for problem in problems:
            self.notify(f"{one_line(config.path)}: {one_line(problem, 200)}", title="Settings", severity="warning",
                        timeout=10, markup=False)

    def watch_theme(self, theme: str) -> None:
        if self._theme_ready:  # chosen by the person, not read from the config at start-up
            problem = remember_theme(theme, self.config.path)
            if problem:
                self.notify(one_line(problem, 200), severity="warning", markup=False)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:
        ids = frozenset(b.id or b.action for b in clashed_bindings)
        if ids not in self._clashes_said:
            self._clashes_said.add(ids)
            self.notify(f"keymap: another key now has the key of {', '.join(sorted(ids))}, which has none left",
                        title="Settings", severity="warning", markup=False)

    def get_key_display(self, binding: Binding) -> str:
        return "enter" if binding.key == "enter" else super().get_key_display(binding)

    # -- keys, palette, quit ------------------------------------------------------------------------

    def key_sections(self) -> list[tuple[str, list[KeyHelp]]]:
        """The documented keys as the keymap binds them, by where they work."""
        lists = key_help(self, ModelTree, self.keymap)
        lists += [k for k in key_help(self, FindingList, self.keymap) if k.id not in {x.id for x in lists}]
        return [("On the main screen", key_help(self, MainScreen, self.keymap)),
                ("In the trees and the findings list", lists),
                ("Everywhere", key_help(self, type(self), self.keymap))]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):  # ours say what they do here
                yield command
        main = self.main_screen
        if screen is main:
            for key in key_help(self, MainScreen, self.keymap):
                if key.id not in NOT_IN_PALETTE:
                    yield SystemCommand(key.words, f"key {key.keys}", partial(main.run_action, key.action))
            yield SystemCommand("Save under another name", "Save as: choose a file", main.action_save_as)
            yield SystemCommand("Edit the selected entry", "key enter, or a double click", main.action_edit)
            if main.session.baseline is not None:
                yield SystemCommand("Stop comparing", "key escape: the marks + ~ - go", main.stop_comparing)
        yield SystemCommand("Quit", "Quit bizop (asks about unsaved changes)", self.action_quit)

    async def action_quit(self) -> None:
        self.main_screen.request_quit()
