"""One side of the model as a tree: blocks (or dimensions) holding their entries, shown by name, with a
word for an entry's status, a mark for its worst finding, an arrow when it is linked to the
selection, and + or ~ when it differs from the version compared with."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import ACTIVE, BLOCKS_BY_SIDE, Block
from bizop_tui.tui.text import SEVERITY_MARK, plain

BLOCK_PREFIX = "block:"
# From this many entries on one side, blocks start collapsed (but the first) and their entries are
# created when a block is first opened: a tree of thousands of nodes costs time before the first frame.
LAZY_FROM = 1000
# From this many changed marks, the whole tree is drawn again rather than line by line.
REPAINT_ALL_FROM = 200
CHANGE_STYLE = {"+": "model-tree--added", "~": "model-tree--changed"}


class ModelTree(Tree[str]):
    """Entries grouped under their blocks; `marks` and `linked` are bound to the main screen's."""

    BINDINGS = [
        Binding("enter", "activate", "edit", show=False, id="edit",
                tooltip="Edit the selected entry (on a block: open or close it)"),
        Binding("down,j", "cursor_down", "down", show=False, id="cursor_down", tooltip="Move down"),
        Binding("up,k", "cursor_up", "up", show=False, id="cursor_up", tooltip="Move up"),
    ]
    COMPONENT_CLASSES = {"model-tree--linked", "model-tree--status", "model-tree--error", "model-tree--warning",
                         "model-tree--info", "model-tree--added", "model-tree--changed"}

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

    def sync(self, model: Model) -> None:
        """Make the tree show `model`, touching only the blocks that changed."""
        blocks = BLOCKS_BY_SIDE[self.side]
        if not self.block_nodes:
            lazy = sum(len(model.blocks[b.path]) for b in blocks) >= LAZY_FROM
            for i, block in enumerate(blocks):
                node = self.root.add(self._block_label(block, 0), data=BLOCK_PREFIX + block.path,
                                     expand=not lazy or i == 0)
                self.block_nodes[block.path] = node
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
        self.refresh()

    def _fill(self, path: str) -> None:
        """Make the entry nodes of block `path` match the model."""
        wanted = self._wanted.get(path, [])
        if self._shown.get(path) == wanted:
            return
        node = self.block_nodes[path]
        for child in list(node.children):
            self.entry_nodes.pop(child.data, None)
        node.remove_children()
        for entry_id, name, _ in wanted:
            self.entry_nodes[entry_id] = node.add_leaf(plain(name), data=entry_id)
        self._shown[path] = wanted

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        data = event.node.data or ""
        if data.startswith(BLOCK_PREFIX):
            self._fill(data[len(BLOCK_PREFIX) :])

    def _block_label(self, block: Block, count: int) -> Text:
        label = Text(block.title, style="bold", end="")
        label.append(f" ({count})", style="dim")
        return label

    # -- marks --------------------------------------------------------------------------------------

    def watch_marks(self, old: dict[str, str], new: dict[str, str]) -> None:
        self._repaint(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))

    def watch_linked(self, old: frozenset[str], new: frozenset[str]) -> None:
        self._repaint(old ^ new)

    def watch_changes(self, old: dict[str, str], new: dict[str, str]) -> None:
        if len(old) + len(new) > REPAINT_ALL_FROM:  # a comparison starts or stops: every line at once
            self._updates += 1  # part of each cached line's key in Tree
            self.refresh()
            return
        self._repaint(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))

    def _repaint(self, entry_ids) -> None:
        """Draw these entries' lines again (a line is cached until its node says it changed)."""
        for entry_id in entry_ids:
            node = self.entry_nodes.get(entry_id)
            if node is not None:
                node.refresh()

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
        text = super().render_label(node, base_style, style)
        data = node.data or ""
        change = self.changes.get(data)
        if change in CHANGE_STYLE:  # a removed entry has no line here
            text = Text.assemble((change + " ", self.get_component_rich_style(CHANGE_STYLE[change], partial=True)),
                                 text)
        if data in self.linked:
            linked = self.get_component_rich_style("model-tree--linked", partial=True)
            text.stylize(linked)
            text = Text.assemble(("→ ", linked), text)
        status = self._status.get(data)
        if status:
            text.append(f" · {status}", style=self.get_component_rich_style("model-tree--status", partial=True))
        severity = self.marks.get(data)
        if severity:
            text.append(" " + SEVERITY_MARK[severity],
                        style=self.get_component_rich_style(f"model-tree--{severity}", partial=True))
        return text

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
