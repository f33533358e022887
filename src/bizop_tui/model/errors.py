"""bizop's one error type for input it cannot use: it always carries a message a person can act on."""

from __future__ import annotations


class BizopError(Exception):
    """A file bizop cannot read or write, said plainly: file, line, column, the line itself, a hint."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        source_line: str | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.source_line = source_line
        self.hint = hint

    def __str__(self) -> str:
        return self.render()

    @property
    def location(self) -> str:
        parts = [visible(self.path) if self.path else "<model>"]
        if self.line is not None:
            parts.append(f"line {self.line}")
            if self.column is not None:
                parts.append(f"column {self.column}")
        return ", ".join(parts)

    @property
    def headline(self) -> str:
        """The first line of render(), for a one-line notification: where (file, line, column) and what."""
        from bizop_tui.model.text import one_line

        return one_line(f"{self.location}: {self.message}")

    def render(self) -> str:
        """The full message: location and reason, the offending line with a caret, and the hint."""
        lines = [f"{self.location}: {self.message}"]
        if self.source_line is not None and self.line is not None:
            # Tabs are expanded so that the caret lands under the column the parser named.
            shown = visible(self.source_line.expandtabs(4))
            gutter = f"{self.line:>5} | "
            lines.append(gutter + shown)
            if self.column is not None:
                before = visible(self.source_line[: max(self.column - 1, 0)].expandtabs(4))
                lines.append(" " * (len(gutter) - 2) + "| " + " " * len(before) + "^")
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


def visible(text: str) -> str:
    """`text` with control and format characters shown as stand-ins, so it cannot drive a terminal."""
    from bizop_tui.model.text import visible_text

    return visible_text(text)
