"""One side of the model as a tree: blocks (or dimensions) holding their entries, shown by name, with a
word for an entry's status, a mark for its worst finding, an arrow when it is linked to the
selection, and + or ~ when it differs from the version compared with."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.signal import Signal
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import ACTIVE, BLOCKS_BY_SIDE, Block
from bizop_tui.tui.text import SEVERITY_MARK, plain
from bizop_tui.tui.widgets.look import LookCheck, QuietFocus, StylePerRender

BLOCK_PREFIX = "block:"
# From this many entries on one side, blocks start collapsed (but the first) and their entries are
# created when a block is first opened: a tree of thousands of nodes costs time before the first frame.
LAZY_FROM = 1000
# From this many changed marks, every cached line is forgotten at once rather than node by node (and when
# a comparison starts or stops, the whole tree is drawn again).
REPAINT_ALL_FROM = 200
CHANGE_STYLE = {"+": "model-tree--added", "~": "model-tree--changed"}


class ModelTree(LookCheck, QuietFocus, StylePerRender, Tree[str]):
    """Entries grouped under their blocks; `marks` and `linked` are bound to the main screen's."""

    BINDINGS = [
        Binding("enter", "activate", "edit", show=False, id="edit",
                tooltip="Edit the selected entry (on a block: open or close it)"),
        Binding("down,j", "cursor_down", "down", show=False, id="cursor_down", tooltip="Move down"),
        Binding("up,k", "cursor_up", "up", show=False, id="cursor_up", tooltip="Move up"),
    ]
    COMPONENT_CLASSES = {"model-tree--linked", "model-tree--status", "model-tree--error", "model-tree--warning",
                         "model-tree--info", "model-tree--added", "model-tree--changed",
                         "model-tree--cursor-blurred"}

    marks: var[dict[str, str]] = var(dict)  # entry id -> its worst finding's severity
    linked: var[frozenset[str]] = var(frozenset)  # entries linked to the selection
    changes: var[dict[str, str]] = var(dict)  # entry id -> "+" or "~" against the version compared with

    class Activated(Message):
        """Enter or a double click on an entry: the screen opens it for editing."""

        def __init__(self, tree: ModelTree, entry_id: str) -> None:
            super().__init__()
            self.tree = tree
            self.entry_id = entry_id

    def __init__(self, side: str, title: str, **kwargs) -> None:
        self._status: dict[str, str] = {}  # entry id -> its status, when not active (read while building)
        # Published as the cursor moves, before the screen is drawn: what the screen shows for the new
        # line lands in the same frame as the cursor (NodeHighlighted comes a frame later).
        self.moved: Signal[ModelTree] = Signal(self, "moved")
        super().__init__(title, **kwargs)
        self.side = side
        self.show_root = False
        self.guide_depth = 2
        self.block_nodes: dict[str, TreeNode[str]] = {}
        self.entry_nodes: dict[str, TreeNode[str]] = {}
        self._wanted: dict[str, list[tuple[str, str, str]]] = {}  # block path -> [(id, name, status)]
        self._shown: dict[str, list[tuple[str, str, str]]] = {}  # block path -> the same, as nodes
        self._block_of: dict[str, str] = {}  # entry id -> block path

    # -- content ------------------------------------------------------------------------------------

    def sync(self, model: Model, changed: set[str] | None = None) -> None:
        """Make the tree show `model`, touching only the blocks that changed: those of the entries in
        `changed` (what the last edit added, removed or rewrote), or any block when it is None."""
        blocks = BLOCKS_BY_SIDE[self.side]
        if not self.block_nodes:
            changed = None
            lazy = sum(len(model.blocks[b.path]) for b in blocks) >= LAZY_FROM
            for i, block in enumerate(blocks):
                node = self.root.add(self._block_label(block, 0), data=BLOCK_PREFIX + block.path,
                                     expand=not lazy or i == 0)
                self.block_nodes[block.path] = node
        if changed is not None and not model.duplicates:
            paths = {self._block_of.get(i) for i in changed}
            paths |= {model.by_id[i].block.path for i in changed if i in model.by_id}
            blocks = tuple(b for b in blocks if b.path in paths)
        for block in blocks:
            wanted = [(e.id, e.name, e.status) for e in model.blocks[block.path]]
            if wanted == self._wanted.get(block.path):
                continue
            self._wanted[block.path] = wanted
            for entry_id, _, status in wanted:
                self._block_of[entry_id] = block.path
                if status != ACTIVE:
                    self._status[entry_id] = status
                else:
                    self._status.pop(entry_id, None)
            node = self.block_nodes[block.path]
            node.set_label(self._block_label(block, len(wanted)))
            if node.is_expanded or block.path in self._shown:
                self._fill(block.path)

    def _fill(self, path: str) -> None:
        """Make the entry nodes of block `path` match the model: an edit changes one entry or a few, so
        only the nodes between the unchanged ones at each end are relabelled, removed or added."""
        wanted = self._wanted.get(path, [])
        shown = self._shown.get(path)
        if shown == wanted:
            return
        node = self.block_nodes[path]
        if shown is None:
            shown = []
            for child in list(node.children):
                self.entry_nodes.pop(child.data, None)
            node.remove_children()
        start, end_shown, end_wanted = 0, len(shown), len(wanted)
        while start < min(end_shown, end_wanted) and shown[start] == wanted[start]:
            start += 1
        while end_shown > start and end_wanted > start and shown[end_shown - 1] == wanted[end_wanted - 1]:
            end_shown -= 1
            end_wanted -= 1
        old, new = shown[start:end_shown], wanted[start:end_wanted]
        children = list(node.children)
        if [e[0] for e in old] == [e[0] for e in new]:  # the same entries, renamed or of a new status
            for child, (_, name, _) in zip(children[start:end_shown], new):
                child.set_label(plain(name))
        else:
            for child in children[start:end_shown]:
                if self.entry_nodes.get(child.data) is child:
                    del self.entry_nodes[child.data]
                child.remove()
            for offset, (entry_id, name, _) in enumerate(new):
                self.entry_nodes[entry_id] = node.add_leaf(plain(name), data=entry_id, before=start + offset)
        self._shown[path] = wanted
    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        data = event.node.data or ""
        if data.startswith(BLOCK_PREFIX):
            self._fill(data[len(BLOCK_PREFIX) :])

    def _block_label(self, block: Block, count: int) -> Text:
        label = Text(block.title, style="bold", end="")
        label.append(f" ({count})", style="dim")
        return label

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        if previous_line != line:
            self.moved.publish(self)

    # -- marks --------------------------------------------------------------------------------------

    def watch_marks(self, old: dict[str, str], new: dict[str, str]) -> None:
        self._repaint(_changed_keys(old, new))

    def watch_linked(self, old: frozenset[str], new: frozenset[str]) -> None:
        self._repaint(old ^ new)

    def watch_changes(self, old: dict[str, str], new: dict[str, str]) -> None:
        if len(old) + len(new) > REPAINT_ALL_FROM:  # a comparison starts or stops: every line at once
            self._updates += 1  # part of each cached line's key in Tree
            self.refresh()
            return
        self._repaint(_changed_keys(old, new))

    def _repaint(self, entry_ids: set[str] | frozenset[str]) -> None:
        """Draw again the lines on screen of these entries; the others are drawn anew when they scroll
        into view (a line is cached until its node says it changed). A move changes the arrows of
        thousands of entries in a large model, of which a screenful at most is in sight."""
        if not entry_ids:
            return
        if len(entry_ids) > REPAINT_ALL_FROM:  # cheaper to forget every cached line than to mark each node
            self._updates += 1  # part of each cached line's key in Tree
        else:
            nodes = self.entry_nodes
            for entry_id in entry_ids:
                node = nodes.get(entry_id)
                if node is not None:
                    node._updates += 1  # noqa: SLF001 - what TreeNode.refresh does, without its repaint
        top, height = int(self.scroll_offset.y), self.size.height
        for y, line in enumerate(self._tree_lines[top : top + height], top):
            if line.node.data in entry_ids:
                self._refresh_line(y)

    # -- restyling ---------------------------------------------------------------------------------
    # Marking the current pane, moving the focus or the mouse restyles the trees. A bare Tree then lays
    # out and rebuilds every line (thousands in a large model) and repaints them all. A model tree looks
    # the same with and without the focus but for its cursor (app.tcss keeps its background, guides and
    # cursor styles alike; the cursor takes its blurred look here), so a restyle that changes nothing
    # draws nothing, and a move of the focus draws the cursor's lines only.

    LOOK = ("tree--label", "tree--guides", "tree--guides-hover", "tree--guides-selected", "tree--highlight",
            "tree--highlight-line", "tree--cursor", "model-tree--cursor-blurred", "model-tree--linked",
            "model-tree--status", "model-tree--error", "model-tree--warning", "model-tree--info")

    _drawn_look: tuple | None = None
    _drawn_focus: bool | None = None

    def get_component_rich_style(self, *names: str, partial: bool = False, default: Style | None = None) -> Style:
        if names == ("tree--cursor",) and not self.has_focus:
            names = ("model-tree--cursor-blurred",)
        return super().get_component_rich_style(*names, partial=partial, default=default)

    def notify_style_update(self) -> None:
        super(Tree, self).notify_style_update()  # the widget's own caches, not Tree's rebuild
        if not self.is_mounted:
            self._invalidate()
        else:
            self.queue_look_check()

    def look_checked(self) -> None:
        look = (self.rich_style, *(Widget.get_component_rich_style(self, c) for c in self.LOOK))
        if look != self._drawn_look:
            self._invalidate()
        elif self.has_focus != self._drawn_focus and self.cursor_node is not None:
            self._refresh_node(self.cursor_node)
        self._drawn_look, self._drawn_focus = look, self.has_focus

    def watch_has_focus(self, has_focus: bool) -> None:
        # Widget restyles the tree and its twenty component classes here (a tenth of a second at 5,000
        # entries, on every Tab); app.tcss makes its look the same either way, so only the cursor changes.
        if self.is_mounted:
            self.queue_look_check()

    _drawn_width: int | None = None
    _guides_look: _GuidesLook | None = None

    def _on_resize(self, event: events.Resize) -> None:
        # A bare Tree rebuilds every line on a resize; a new height alone (the find bar opening) leaves
        # every line as it was, and lines are cached by width.
        if event.size.width == self._drawn_width:
            event.prevent_default()
            self._line_cache.grow(event.size.height)
        self._drawn_width = event.size.width

    # -- queries ------------------------------------------------------------------------------------

    @property
    def current_entry(self) -> str | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.startswith(BLOCK_PREFIX):
            return None
        return node.data

    @property
    def current_block(self) -> str:
        """The block path under the cursor (the entry's block, or the block itself)."""
        node = self.cursor_node
        while node is not None and node.data is not None and not node.data.startswith(BLOCK_PREFIX):
            node = node.parent
        if node is None or node.data is None:
            return BLOCKS_BY_SIDE[self.side][0].path
        return node.data[len(BLOCK_PREFIX) :]

    def select_entry(self, entry_id: str) -> bool:
        path = self._block_of.get(entry_id)
        if path is not None:
            self._fill(path)
        node = self.entry_nodes.get(entry_id)
        if node is None:
            return False
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        self._tree_lines  # noqa: B018 - lays out nodes added since the last frame, so they have a line
        self.move_cursor(node)
        self.call_after_refresh(self.scroll_to_node, node, animate=False)
        return True

    # -- rendering ----------------------------------------------------------------------------------

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        if node.data not in self._block_of:  # a block
            return super().render_label(node, base_style, style)
        return Text.assemble(*self._entry_parts(node.data, node._label.plain, style), end="")

    def _entry_parts(self, entry_id: str, name: str, name_style: Style) -> list[tuple[str, Style]]:
        """An entry's label as (text, style) parts: an arrow when linked to the selection, a change mark,
        the name, the status word when not active, and the mark of its worst finding."""
        style = self.get_component_rich_style
        linked = style("model-tree--linked", partial=True) if entry_id in self.linked else None
        parts: list[tuple[str, Style]] = []
        if linked is not None:
            parts.append(("→ ", linked))
        change = self.changes.get(entry_id)
        if change in CHANGE_STYLE:  # a removed entry has no line here
            change_style = style(CHANGE_STYLE[change], partial=True)
            parts.append((change + " ", change_style + linked if linked is not None else change_style))
        parts.append((name, name_style + linked if linked is not None else name_style))
        status = self._status.get(entry_id)
        if status:
            parts.append((f" · {status}", style("model-tree--status", partial=True)))
        severity = self.marks.get(entry_id)
        if severity:
            parts.append((" " + SEVERITY_MARK[severity], style(f"model-tree--{severity}", partial=True)))
        return parts

    # An entry's line is drawn here as segments with the styles Tree's own drawing gives them (a test holds
    # the two to the same segments): Tree builds each line through Rich Text, about 0.2 ms a line, and a move
    # in a large model draws again the tens of lines whose arrow changed. A block's line is left to Tree.

    def render_lines(self, crop):
        self._guides_look = None
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, self.line_style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        tree_lines = self._tree_lines
        if y >= len(tree_lines) or tree_lines[y].node.data not in self._block_of:  # past the end, or a block
            return super()._render_line(y, x1, x2, base_style)
        line = tree_lines[y]
        width = self.size.width
        is_hover = self.hover_line >= 0 and any(n._hover for n in line.path)
        key = (y, is_hover, width, self._updates, self._pseudo_class_state, tuple(n._updates for n in line.path))
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._line_cache[key] = self._entry_strip(y, line, is_hover, base_style, width)
        return strip.crop(x1, x2)

    def _entry_strip(self, y: int, line, is_hover: bool, base_style: Style, width: int) -> Strip:
        """What Tree._render_line draws for an entry's line: its guides, its label, then blanks."""
        look = self._guides_look
        if look is None:
            look = self._guides_look = _GuidesLook(self)
        line_style = (self.get_component_rich_style("tree--highlight-line") if is_hover else base_style) \
            + Style.from_meta({"line": y})
        segments: list[Segment] = []
        path, has_focus = line.path, self.has_focus
        hover, selected = path[0]._hover, path[0]._selected and has_focus
        guide_style, hidden = look.base, True
        for node in path[1:]:
            hidden = look.base_hidden
            if hover:
                guide_style, hidden = look.hover, look.hover_hidden
            if selected:
                guide_style, hidden = look.selected, look.selected_hidden
            if node is not line.node:
                space, vertical, _, _ = look.guides(guide_style, hidden)
                segments.append(Segment(space if node.is_last else vertical, line_style + guide_style))
            hover = hover or node._hover
            selected = (selected or node._selected) and has_focus
        if len(path) > 1:
            _, _, terminator, cross = look.guides(guide_style, hidden)
            segments.append(Segment(terminator if line.last else cross, line_style + guide_style))
        label_style = self.get_component_rich_style("tree--label", partial=True)
        if self.hover_line == y:
            label_style += self.get_component_rich_style("tree--highlight", partial=True)
        if self.cursor_line == y:
            label_style += self.get_component_rich_style("tree--cursor", partial=False)
        node_meta = Style.from_meta({"node": line.node._id})
        for text, style in self._entry_parts(line.node.data, line.node._label.plain, label_style):
            segments.append(Segment(text, line_style + style + node_meta))
        pad = max(self.virtual_size.width, width) - sum(segment.cell_length for segment in segments)
        if pad > 0:
            segments.append(Segment(" " * pad, line_style))
        return Strip(segments)

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The label's width without rendering it: the tree asks for every line on each rebuild."""
        status = self._status.get(node.data or "")
        # the expand icon or link arrow, a severity mark, the status word, and a change mark
        return (node._label.cell_len + 4 + (len(status) + 3 if status else 0)
                + (2 if node.data in self.changes else 0))

    def action_activate(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data and node.data.startswith(BLOCK_PREFIX):
            node.toggle()
        elif node.data:
            self.post_message(self.Activated(self, node.data))

    def on_click(self, event: events.Click) -> None:
        if event.chain == 2 and self.current_entry:
            self.post_message(self.Activated(self, self.current_entry))


def _changed_keys(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """The keys whose value differs between `old` and `new` (added, removed or changed), compared as
    sets of items: at 20,000 entries a tenth of the time of asking each key of both."""
    if old is new:
        return set()
    return {key for key, _ in old.items() ^ new.items()}


class _GuidesLook:
    """The guides' styles and strings as Tree works them out for each line, once per render."""

    def __init__(self, tree: ModelTree) -> None:
        self.tree = tree
        styles, style = tree.get_component_styles, tree.get_component_rich_style
        self.base_hidden = styles("tree--guides").color.a == 0
        self.hover_hidden = styles("tree--guides-hover").color.a == 0
        self.selected_hidden = styles("tree--guides-selected").color.a == 0
        self.base = style("tree--guides", partial=True)
        self.hover = self.base + style("tree--guides-hover", partial=True)
        self.selected = self.base + style("tree--guides-selected", partial=True)
        self._guides: dict[tuple[Style, bool], tuple[str, str, str, str]] = {}

    def guides(self, style: Style, hidden: bool) -> tuple[str, str, str, str]:
        """Space, vertical, terminator and cross, as Tree's get_guides gives them."""
        key = (style, hidden)
        if key not in self._guides:
            tree = self.tree
            lines: tuple[str, ...] = ("  ", "  ", "  ", "  ")
            if tree.show_guides and not hidden:
                lines = tree.LINES["bold" if style.bold else "double" if style.underline2 else "default"]
            depth = max(0, tree.guide_depth - 2)
            self._guides[key] = tuple(f"{chars[0]}{chars[1] * depth} " for chars in lines)  # type: ignore[assignment]
        return self._guides[key]
