"""The alignment engine: from a model to a score, sub-scores and findings. Imports nothing from Textual."""

from bizop_tui.alignment.engine import analyse
from bizop_tui.alignment.result import Alignment, Check, SubScore

__all__ = ["Alignment", "Check", "SubScore", "analyse"]
