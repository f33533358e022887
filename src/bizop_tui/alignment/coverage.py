"""The coverage matrix: for each canvas block, how many of its entries each operating dimension reaches."""

from __future__ import annotations

from dataclasses import dataclass

from bizop_tui.alignment.graph import DIMENSION_BIT, DIMENSIONS, LinkGraph, fold
from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import BUSINESS_BLOCKS, OPERATING_DIMENSIONS, Block


@dataclass(frozen=True, slots=True)
class CoverageRow:
    block: Block
    total: int
    reached: tuple[int, ...]  # per operating dimension, in OPERATING_DIMENSIONS order
    supported: int  # entries reached by any operating dimension


# Segments are served by propositions and costs pay for things: operations support neither directly.
COVERED_BLOCKS = tuple(b for b in BUSINESS_BLOCKS if b.key not in ("customer_segments", "cost_structure"))


def coverage(model: Model, graph: LinkGraph) -> list[CoverageRow]:
    rows = []
    bits = [DIMENSION_BIT[d.key] for d in OPERATING_DIMENSIONS]
    for block in COVERED_BLOCKS:
        masks = [fold(graph.reached_by(e.id)) & DIMENSIONS for e in model.blocks[block.path]]
        rows.append(
            CoverageRow(
                block=block,
                total=len(masks),
                reached=tuple(sum(1 for m in masks if m & bit) for bit in bits),
                supported=sum(1 for m in masks if m),
            )
        )
    return rows
