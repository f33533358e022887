"""The fixed vocabulary of a bizop model: sides, blocks, the fields of an entry, link kinds, statuses.

This is the one schema of format v1. The loader, the entry form, the link picker, the details, the
JSON Schema (`bizop schema`) and docs/format.md all follow it. Key names are a file-format contract:
renaming one breaks users' files; a later version only adds.
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
BLOCKS_BY_KEY: dict[str, Block] = {b.key: b for b in ALL_BLOCKS}
BLOCKS_BY_SIDE: dict[str, tuple[Block, ...]] = {
    BUSINESS: BUSINESS_BLOCKS,
    OPERATING: OPERATING_DIMENSIONS,
}

# The business elements that are promises to customers: each needs operating support.
PROMISE_BLOCKS = ("value_propositions", "channels", "customer_relationships", "revenue_streams")
SEGMENT_BLOCKS = frozenset({"value_propositions", "channels", "customer_relationships", "revenue_streams"})
AMOUNT_BLOCKS = frozenset({"revenue_streams", "cost_structure"})
_OPERATING_KEYS = tuple(b.key for b in OPERATING_DIMENSIONS)
_ALL_KEYS = tuple(b.key for b in ALL_BLOCKS)

# -- lifecycle ------------------------------------------------------------------------------------

ACTIVE, PLANNED, BET, RETIRING, EXTERNAL = "active", "planned", "bet", "retiring", "external"
STATUSES: dict[str, str] = {
    ACTIVE: "in place today (the default)",
    PLANNED: "the target state: not built yet; not a gap today, listed as a roadmap",
    BET: "a deliberate exploration: its cost is an investment, not waste",
    RETIRING: "being phased out: anything still costing money or keeping it alive is a zombie",
    EXTERNAL: "delivered outside the modelled organisation (another unit or company)",
}

# -- links ----------------------------------------------------------------------------------------

_PROMISES_AND_ENABLERS = PROMISE_BLOCKS + ("key_resources", "key_activities", "key_partners")


@dataclass(frozen=True, slots=True)
class LinkKind:
    """A key whose value names other entries: which blocks may have it, and what it may name."""

    key: str
    many: bool  # a list of ids, or one id
    summary: str
    targets: dict[str, tuple[str, ...]]  # source block key -> block keys it may name

    def applies_to(self, block: Block) -> bool:
        return block.key in self.targets

    def allowed(self, block: Block) -> tuple[str, ...]:
        """The block keys an entry of `block` may name with this link."""
        return self.targets.get(block.key, ())


def _supports_targets() -> dict[str, tuple[str, ...]]:
    operating_targets = tuple(k for k in _ALL_KEYS if k not in ("customer_segments", "cost_structure"))
    targets: dict[str, tuple[str, ...]] = {key: operating_targets for key in _OPERATING_KEYS}
    for key in ("key_resources", "key_activities", "key_partners"):
        targets[key] = _PROMISES_AND_ENABLERS
    targets["cost_structure"] = tuple(k for k in _ALL_KEYS if k not in ("customer_segments", "cost_structure",
                                                                         "revenue_streams"))
    targets["value_propositions"] = ("value_propositions",)  # a part of a bundle
    targets["channels"] = ("value_propositions",)  # the propositions a channel delivers
    targets["customer_relationships"] = ("value_propositions",)
    targets["revenue_streams"] = ("value_propositions",)  # what the stream charges for (money, not delivery)
    return targets


SUPPORTS = LinkKind("supports", True, "what this entry exists to serve (read it as 'exists because of')",
                    _supports_targets())
SEGMENTS = LinkKind("segments", True, "the customer segments this entry is for",
                    {key: ("customer_segments",) for key in sorted(SEGMENT_BLOCKS)})
OWNER = LinkKind("owner", False, "the organisation unit accountable for this entry",
                 {key: ("organisation",) for key in _OPERATING_KEYS})
CONFLICTS = LinkKind("conflicts", True, "entries this one works against: an open tension, counted until resolved",
                     {key: _ALL_KEYS for key in _ALL_KEYS})
LINK_KINDS: tuple[LinkKind, ...] = (SUPPORTS, SEGMENTS, OWNER, CONFLICTS)
LINKS_BY_KEY: dict[str, LinkKind] = {k.key: k for k in LINK_KINDS}


def link_kinds(block: Block) -> tuple[LinkKind, ...]:
    """The link keys an entry of `block` may have, in the order the picker offers them."""
    return _LINKS_OF[block.path]


_LINKS_OF = {b.path: tuple(kind for kind in LINK_KINDS if kind.applies_to(b)) for b in ALL_BLOCKS}

# -- fields ---------------------------------------------------------------------------------------

STRING, TEXT, STRINGS, DATE, NUMBER, STATUS, ID, IDS = "string", "text", "strings", "date", "number", "status", "id", "ids"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of an entry: its type, what it means, and which blocks have it."""

    key: str
    kind: str  # one of the kinds above
    label: str  # for forms
    summary: str  # for editors' hover text and docs
    blocks: tuple[str, ...] = _ALL_KEYS
    required: bool = False

    def applies_to(self, block: Block) -> bool:
        return block.key in self.blocks


FIELDS: tuple[Field, ...] = (  # in the order a new entry's keys are written, as in the samples
    Field("id", ID, "Id", "unique in the whole file; links name entries by it", required=True),
    Field("name", STRING, "Name", "what people read: bizop shows names, not ids", required=True),
    Field("status", STATUS, "Status", "lifecycle and scope: " + ", ".join(STATUSES)),
    Field("segments", IDS, "Segments", SEGMENTS.summary, tuple(sorted(SEGMENT_BLOCKS))),
    Field("owner", ID, "Owner", OWNER.summary, _OPERATING_KEYS),
    Field("supports", IDS, "Supports", SUPPORTS.summary, tuple(SUPPORTS.targets)),
    Field("conflicts", IDS, "Conflicts", CONFLICTS.summary),
    Field("amount", NUMBER, "Amount per year", "annual amount in the model's currency (revenue or cost)",
          tuple(sorted(AMOUNT_BLOCKS))),
    Field("cost", NUMBER, "Cost per year", "annual cost in the model's currency", _OPERATING_KEYS),
    Field("notes", TEXT, "Notes", "free text, may be several lines"),
    Field("tags", STRINGS, "Tags", "free labels; archetype rules match on them"),
    Field("reviewed", DATE, "Reviewed", "when someone last checked the entry is still true"),
)
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}


def fields_of(block: Block) -> tuple[Field, ...]:
    """The fields an entry of `block` may have, in the order a new entry is written."""
    return tuple(f for f in FIELDS if f.applies_to(block))


def known_keys(block: Block) -> frozenset[str]:
    """Keys bizop understands on an entry of `block`; anything else is kept on save and reported as info."""
    return frozenset(f.key for f in fields_of(block))


# TOML integers are 64-bit: bizop never writes a number it could not read back.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

# -- the model as a whole -------------------------------------------------------------------------

MODEL_FIELDS: tuple[Field, ...] = (
    Field("name", STRING, "Name", "the organisation or model name, shown in titles and reports", (), True),
    Field("description", TEXT, "Description", "one or two sentences", ()),
    Field("archetype", STRINGS, "Archetype", "selects archetype rules: a name or a list of names", ()),
    Field("currency", STRING, "Currency", "unit of amount and cost, e.g. EUR", ()),
    Field("reviewed", DATE, "Reviewed", "when the model was last reviewed as a whole", ()),
    Field("business_review_days", NUMBER, "Business review days",
          "a business entry is stale when its reviewed date is older than this (default 365)", ()),
    Field("operating_review_days", NUMBER, "Operating review days",
          "an operating entry is stale when its reviewed date is older than this (default 180)", ()),
    Field("disabled_rules", STRINGS, "Disabled rules", "rule ids, or families such as \"stale\", switched off", ()),
)
MODEL_KEYS = frozenset(f.key for f in MODEL_FIELDS)
