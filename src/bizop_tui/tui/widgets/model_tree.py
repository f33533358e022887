"""One side of the model as a tree: blocks (or dimensions) holding their entries, shown by name."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import BLOCKS_BY_SIDE, Block
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_STYLE, plain

BLOCK_PREFIX = "block:"
# From this many entries on one side, blocks start collapsed (but the first) and their entries are
# created when a block is first opened: a tree of thousands of nodes costs time before the first frame.
LAZY_FROM = 1000


class ModelTree(Tree[str]):
    """Entries grouped under their blocks; entries linked to the selection in the other pane stand out."""

    BINDINGS = [
        Binding("enter", "activate", "Edit", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    COMPONENT_CLASSES = {"model-tree--linked", "model-tree--count"}

    class Activated(Message):
        """Enter on an entry: the app opens it for editing."""

        def __init__(self, tree: ModelTree, entry_id: str) -> None:
            super().__init__()
            self.tree = tree
            self.entry_id = entry_id

    def __init__(self, side: str, title: str, **kwargs) -> None:
        self.linked: set[str] = set()
        self.marks: dict[str, str] = {}  # entry id -> worst finding severity
        super().__init__(title, **kwargs)
        self.side = side
        self.show_root = False
        self.guide_depth = 2
        self.block_nodes: dict[str, TreeNode[str]] = {}
        self.entry_nodes: dict[str, TreeNode[str]] = {}
        self._wanted: dict[str, list[tuple[str, str]]] = {}  # block path -> [(id, name)] in the model
        self._shown: dict[str, list[tuple[str, str]]] = {}  # block path -> [(id, name)] as nodes
        self._block_of: dict[str, str] = {}  # entry id -> block path

    # -- content ------------------------------------------------------------------------------------

    def sync(self, model: Model, marks: dict[str, str]) -> None:
        """Make the tree show `model`, touching only the blocks that changed."""
        self.marks = marks
        blocks = BLOCKS_BY_SIDE[self.side]
        if not self.block_nodes:
            lazy = sum(len(model.blocks[b.path]) for b in blocks) >= LAZY_FROM
            for i, block in enumerate(blocks):
                node = self.root.add(self._block_label(block, 0), data=BLOCK_PREFIX + block.path,
                                     expand=not lazy or i == 0)
                self.block_nodes[block.path] = node
        for block in blocks:
            wanted = [(e.id, e.name) for e in model.blocks[block.path]]
            if wanted == self._wanted.get(block.path):
                continue
            self._wanted[block.path] = wanted
            self._block_of.update((entry_id, block.path) for entry_id, _ in wanted)
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
        for entry_id, name in wanted:
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

    def select_block(self, path: str) -> None:
        node = self.block_nodes.get(path)
        if node is not None:
            self.move_cursor(node)

    def set_linked(self, linked: set[str]) -> None:
        if linked != self.linked:
            self.linked = linked
            self.refresh()

    # -- rendering ----------------------------------------------------------------------------------

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        text = super().render_label(node, base_style, style)
        data = node.data or ""
        if data in self.linked:
            text.stylize(self.get_component_rich_style("model-tree--linked", partial=True))
            text = Text.assemble(("→ ", self.get_component_rich_style("model-tree--linked", partial=True)), text)
        severity = self.marks.get(data)
        if severity:
            text.append(" " + SEVERITY_MARK[severity], style=SEVERITY_STYLE[severity])
        return text

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The label's width without rendering it: the tree asks for every line on each rebuild."""
        return node._label.cell_len + 4  # the expand icon or link arrow, and a severity mark

    def action_activate(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data and node.data.startswith(BLOCK_PREFIX):
            node.toggle()
        elif node.data:
            self.post_message(self.Activated(self, node.data))
