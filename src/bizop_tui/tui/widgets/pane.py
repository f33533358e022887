"""A pane of the main screen: a titled box around a tree or the alignment, marked when it is current."""

from __future__ import annotations

from textual.containers import Vertical


class Pane(Vertical):
    """Its classes (-current, -model) change its border, its title's colour and, on narrow and medium
    terminals, whether it is shown: nothing else inside it looks different. So a change of class restyles
    the pane and its title only; Textual would restyle everything inside, a tree with its twenty
    component classes or the findings list, on every Tab."""

    def update_node_styles(self, animate: bool = True) -> None:
        if not self.is_attached:
            return super().update_node_styles(animate)
        self.app.stylesheet.update_nodes([self, *self.query_children(".pane-title")], animate=animate)
