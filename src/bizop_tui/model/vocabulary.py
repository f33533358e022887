"""The fixed vocabulary of a bizop model: sides, canvas blocks and operating dimensions.

These key names are a file-format contract (docs/format.md): renaming one breaks users' files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BUSINESS = "business"
OPERATING = "operating"
SIDES = (BUSINESS, OPERATING)


@dataclass(frozen=True, slots=True)
class Block:
    """One array of entries in the file: a canvas block or an operating dimension."""

    side: str
    key: str
    title: str
    summary: str
    noun: str  # one entry of the block, for messages: "process", "value proposition"
    path: str = field(init=False, compare=False)  # "business.channels": the key path in the file

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", f"{self.side}.{self.key}")


BUSINESS_BLOCKS: tuple[Block, ...] = (
    Block(BUSINESS, "customer_segments", "Customer segments", "who the business creates value for", "customer segment"),
    Block(BUSINESS, "value_propositions", "Value propositions", "what it promises each segment", "value proposition"),
    Block(BUSINESS, "channels", "Channels", "how it reaches and delivers to segments", "channel"),
    Block(BUSINESS, "customer_relationships", "Customer relationships", "how it gets and keeps them", "customer relationship"),
    Block(BUSINESS, "revenue_streams", "Revenue streams", "how it captures value", "revenue stream"),
    Block(BUSINESS, "key_resources", "Key resources", "assets the model depends on", "key resource"),
    Block(BUSINESS, "key_activities", "Key activities", "what it must do well", "key activity"),
    Block(BUSINESS, "key_partners", "Key partners", "who it relies on outside", "key partner"),
    Block(BUSINESS, "cost_structure", "Cost structure", "what it pays for", "cost item"),
)

OPERATING_DIMENSIONS: tuple[Block, ...] = (
    Block(OPERATING, "organisation", "Organisation", "structure, units and roles", "organisation unit"),
    Block(OPERATING, "processes", "Processes", "processes, workflows, value delivery chains", "process"),
    Block(OPERATING, "people", "People", "skills and competencies", "skill"),
    Block(OPERATING, "technology", "Technology", "systems, tools and information", "system"),
    Block(OPERATING, "governance", "Governance", "decision rights, forums, KPIs", "governance element"),
    Block(OPERATING, "locations", "Locations", "sites and where work happens", "location"),
    Block(OPERATING, "suppliers", "Suppliers", "who supplies the operation", "supplier"),
)

ALL_BLOCKS: tuple[Block, ...] = BUSINESS_BLOCKS + OPERATING_DIMENSIONS
BLOCKS_BY_PATH: dict[str, Block] = {b.path: b for b in ALL_BLOCKS}
BLOCKS_BY_SIDE: dict[str, tuple[Block, ...]] = {
    BUSINESS: BUSINESS_BLOCKS,
    OPERATING: OPERATING_DIMENSIONS,
}

# The business elements that are promises to customers: each needs operating support.
PROMISE_BLOCKS = ("value_propositions", "channels", "customer_relationships", "revenue_streams")

# The keys an entry may have; anything else is kept on save and reported as info.
COMMON_KEYS = frozenset({"id", "name", "notes", "tags", "reviewed", "supports"})
SEGMENT_BLOCKS = frozenset({"value_propositions", "channels", "customer_relationships", "revenue_streams"})
AMOUNT_BLOCKS = frozenset({"revenue_streams", "cost_structure"})


def known_keys(block: Block) -> frozenset[str]:
    """Keys bizop understands on an entry of `block`."""
    keys = set(COMMON_KEYS)
    if block.key in SEGMENT_BLOCKS:
        keys.add("segments")
    if block.key in AMOUNT_BLOCKS:
        keys.add("amount")
    if block.side == OPERATING:
        keys |= {"owner", "cost"}
    return frozenset(keys)


MODEL_KEYS = frozenset(
    {
        "name",
        "description",
        "archetype",
        "currency",
        "reviewed",
        "disabled_rules",
        "business_review_days",
        "operating_review_days",
    }
)
