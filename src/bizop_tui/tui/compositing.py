"""A screen update built from the widgets under its changed regions, and only their changed rows.

Textual composites a partial update from the smallest rectangle that holds every changed region, and asks
every widget in that rectangle for all its lines. A move in the main screen changes a tree line at the left,
arrows in the middle and the details at the bottom: the rectangle is most of the screen, and about twenty
widgets are asked for their lines (cached, but cropped, filtered and cut each time) to write a few rows.
Here each widget that overlaps a changed region gives only the rows from its first changed row to its last,
and a widget under no changed region gives nothing. What reaches the terminal is the same: Textual writes
only the changed regions' cells, and a cell is still taken from the front-most widget that covers it (a
widget covering part of a changed region overlaps it, so it is asked).
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region


class ChangedRowsCompositor(Compositor):
    """Textual's compositor, but for how a partial update is composited (see the module's docstring)."""

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        regions = [region for region in (dirty.intersection(screen) for dirty in self._dirty_regions) if region]
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        rows = {y for y, _, _ in spans}
        cuts = self.cuts
        chops: list[dict[int, object]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for widget, (region, clip) in self.visible_widgets.items():  # front to back, as Textual paints
            visible = region.intersection(clip)
            if not any(visible.overlaps(dirty) for dirty in regions):
                continue
            x, y, width, height = visible
            changed = [row for row in range(y, y + height) if row in rows]
            top, bottom = changed[0], changed[-1] + 1
            strips = widget.render_lines(Region(x - region.x, top - region.y, width, bottom - top))
            for row, strip in zip(range(top, bottom), strips):
                if row not in rows:
                    continue
                line, row_cuts = chops[row], [cut for cut in cuts[row] if x <= cut <= x + width]
                for cut, piece in zip(row_cuts, strip.divide([cut - x for cut in row_cuts[1:]])):
                    if line.get(cut) is None:  # the front-most widget's piece wins
                        line[cut] = piece
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])  # type: ignore[arg-type]
