"""Every rule bizop reports, with what it means: the one list behind `bizop rules`, the app's help and the docs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str  # the usual severity; a few rules vary (duplicate.overlap is a warning when costs are given)
    subscore: str  # the sub-score its checks count in, or "" when it is reported only
    summary: str  # one line: when it fires
    why: str  # what it means to a strategist, and what to decide


RULES: tuple[Rule, ...] = (
    # -- schema ------------------------------------------------------------------------------------
    Rule("schema.missing-model", "error", "", "the file has no [model] table",
         "Every model starts with [model] and a name."),
    Rule("schema.missing-name", "error", "", "[model] or an entry has no name",
         "bizop shows names, not ids; the file name or the id is used meanwhile."),
    Rule("schema.missing-id", "error", "", "an entry has no id (it is left out of the analysis)",
         "Links name entries by id; without one the entry cannot be linked or judged."),
    Rule("schema.wrong-type", "error", "", "a value has the wrong type (it is ignored)",
         "For example supports that is not a list, an amount that is not a finite number, an unknown status."),
    Rule("schema.unknown-block", "warning", "", "[[business.X]] or [[operating.X]] is not a known block",
         "Its entries are kept in the file but not analysed; links to them count as broken."),
    Rule("schema.unknown-key", "info", "", "a key bizop does not use (kept as written)",
         "Often a typo; bizop suggests the key it resembles."),
    Rule("schema.unknown-rule", "warning", "", "disabled_rules names something that is not a rule",
         "So that a typo does not silently switch nothing off."),
    # -- links -------------------------------------------------------------------------------------
    Rule("links.duplicate-id", "error", "", "two entries share an id",
         "Links to the id go to the first entry; the second one's own links are ignored."),
    Rule("links.broken", "error", "", "a link names an id that no entry has",
         "The link is not followed; whatever it meant to support is not supported."),
    Rule("links.self", "warning", "", "an entry names itself in a link", "Remove it."),
    Rule("links.wrong-kind", "warning", "", "a link names a kind of entry it should not",
         "segments name customer segments, owner an organisation unit; supports follows the table in "
         "docs/format.md. The link is still followed."),
    Rule("links.cycle", "warning", "", "entries that run through the operating model support each other in a circle",
         "A chain of supports should end at a promise; a circle through operations usually hides what serves what."),
    Rule("links.flywheel", "info", "", "business entries reinforce each other in a loop",
         "A flywheel (more selection brings more shoppers, who bring more sellers): shown, not warned about."),
    # -- delivery ----------------------------------------------------------------------------------
    Rule("promise.undelivered", "warning", "delivery",
         "an active promise (proposition, channel, relationship, revenue stream) has no operating support",
         "The business model promises something the operation does not do. Decide: fund it, stop promising "
         "it (retiring), or say another unit delivers it (external). Weighed by the revenue at stake."),
    Rule("chain.gap", "warning", "chains",
         "a value proposition is not reached by a process, an owning unit, people's skills and technology",
         "A promise needs all four to be kept reliably. Decide: fund the missing piece or scale the promise back."),
    Rule("chain.indirect", "warning", "chains",
         "part of a proposition's chain arrives only through a key activity shared with other promises",
         "Someone does the work in general, but nobody is tied to this promise: it counts for half."),
    Rule("revenue.no-collection", "warning", "chains",
         "a revenue stream is reached by no billing, payments or collection capability (invoicing, when sold on terms)",
         "Revenue that nobody bills or collects is revenue on paper. Decide who collects it."),
    # -- focus -------------------------------------------------------------------------------------
    Rule("waste.unused", "warning", "focus", "an operating entry serves nothing in the business model",
         "It costs effort and money for no promise. Decide: link it, call it a bet, or retire it. Weighed by its cost."),
    Rule("support.catch-all", "warning", "",
         "one vague operating entry supports promises all over the model",
         "It would make everything look delivered; its support counts for a fifth at most."),
    # -- duplication -------------------------------------------------------------------------------
    Rule("duplicate.same-support", "info", "", "operating entries of one dimension support exactly the same things",
         "Possible duplication, or links that do not yet say what sets each apart."),
    Rule("duplicate.same-name", "warning", "", "two entries of one block have the same name", "Rename or merge."),
    Rule("duplicate.overlap", "warning", "",
         "two operating entries of one dimension do the same job and support overlapping things",
         "Possible duplication: a warning with the money when costs are given, info otherwise."),
    # -- coherence ---------------------------------------------------------------------------------
    Rule("segment.no-proposition", "warning", "coherence", "a customer segment has no value proposition",
         "Offer it something, or drop the segment."),
    Rule("segment.no-channel", "warning", "coherence", "a customer segment has no channel that reaches it",
         "Reach it, or drop the segment."),
    Rule("bridge.activity-without-process", "warning", "coherence", "a key activity is carried out by no process",
         "The canvas says the business must do this well; the operation has no process for it."),
    Rule("bridge.resource-without-operating", "warning", "coherence",
         "a key resource is provided by nothing in the operating model", "Name who or what provides it."),
    Rule("bridge.partner-without-supplier", "warning", "coherence", "a key partner has no supplier entry",
         "A partnership the business depends on should have a contract the operation manages."),
    Rule("process.no-owner", "warning", "coherence", "a process has no owning organisation unit",
         "Nobody is accountable for it; the chains it serves lack an owner too."),
    Rule("cost.pays-for-nothing", "warning", "coherence", "a cost item pays for nothing in the model",
         "Money spent on nothing the business does today. Decide: say what it pays for, or cut it."),
    Rule("conflict.open", "warning", "coherence", "two entries are declared to work against each other",
         "A tension someone wrote down; it counts against the score until one side gives way."),
    # -- lifecycle ---------------------------------------------------------------------------------
    Rule("lifecycle.zombie", "warning", "",
         "a retiring entry still costs money, or is kept alive by an entry that serves nothing else",
         "What is being let go should stop costing; each end makes the other look aligned."),
    Rule("lifecycle.depends-on-retiring", "warning", "", "an active promise is delivered only by retiring entries",
         "When they go, the promise goes with them. Fund the replacement or retire the promise."),
    Rule("lifecycle.described-retired", "info", "", "an entry's text says it is discontinued but its status is active",
         "bizop treats it as retiring; say so with status = \"retiring\"."),
    Rule("lifecycle.bet", "info", "", "a bet, with what it costs", "An investment in exploration, not waste."),
    # -- archetype ---------------------------------------------------------------------------------
    Rule("archetype.unknown", "warning", "", "[model] archetype names an archetype that is not defined",
         "Use a built-in one or define it under [archetypes.NAME]."),
    Rule("archetype.missing", "warning", "archetype", "what the model's archetype needs is not in the operating model",
         "A subscription needs support, retention and updates; online retail fulfilment, warehousing, "
         "shipping and returns; and so on (docs/alignment.md)."),
    Rule("archetype.unserved", "warning", "archetype", "an entry matches an archetype need but serves no business element",
         "Link it to the promise it keeps."),
    # -- costs -------------------------------------------------------------------------------------
    Rule("cost.summary", "info", "", "revenue, cost structure and operating costs side by side", ""),
    Rule("cost.exceeds-revenue", "warning", "", "the cost structure exceeds revenue", "Check the amounts, or say how the gap is funded."),
    Rule("cost.operating-exceeds-structure", "warning", "", "operating costs exceed the cost structure",
         "The canvas understates what the operation costs."),
    Rule("cost.untraced", "warning", "", "an operating entry costs money and traces to no business element",
         "Listed under the waste finding of the same entry."),
    # -- staleness ---------------------------------------------------------------------------------
    Rule("stale.business", "info", "", "a business entry was last reviewed longer ago than the cadence", ""),
    Rule("stale.operating", "info", "", "an operating entry was last reviewed longer ago than the cadence", ""),
    Rule("stale.model", "info", "", "the model as a whole was last reviewed longer ago than the cadence", ""),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
