"""Cut-out card sets for the course's card sorts, generated from the exercise banks and data.

A card set has heading cards (the categories to sort under), case cards (the text only: no answer,
hint or feedback) and a key, printed on a separate sheet. Pure functions over the banks:

>>> s = card_set("track-cases")
>>> len(s.cards), [h.text for h in s.headings][:2]
(12, ['Track One', 'Track 1.5'])
"""

from __future__ import annotations

from dataclasses import dataclass

from .checked_yaml import WorkshopError


@dataclass(frozen=True)
class Card:
    code: str  # printed on the card ("T07") so a group can report without reading it out
    text: str
    detail: str = ""  # a second paragraph (scenario cards: setting and parties)
    prompts: tuple[str, ...] = ()  # questions printed on the card (scenario cards)
    facts: tuple[str, ...] = ()  # cited facts printed on the card as a list (scenario cards after 2021)
    id: str = ""  # a heading card's stable id (the category's or effort's id): its translation id


@dataclass(frozen=True)
class KeyLine:
    code: str
    card: str
    answer: str
    reason: str
    also: tuple[str, ...] = ()  # accepted alternatives, with their rationale


@dataclass(frozen=True)
class CardSet:
    id: str
    title: str
    instructions: str
    source: str  # where the cards come from, printed small on the sheet
    chapter: str  # the chapter where the sort is taught
    headings: tuple[Card, ...]
    cards: tuple[Card, ...]
    key: tuple[KeyLine, ...]
    key_title: str = "Answer key"
    origin: str = ""  # where the cards come from, in words, when not an exercise or invented scenarios
    key_source: str = "each reason cites the brief's section"  # the key sheet's source note, after the origin


#: Card set id -> (bank/item or data source, code letter, chapter, instructions).
CARD_SETS: dict[str, tuple[str, str, str, str]] = {
    "track-cases": (
        "part1-levels/which-track",
        "T",
        "book/part1/levels",
        "Sort each case under the track it belongs to. Look for the deciding feature: who takes part, "
        "in what capacity, and for which audience. Mark the cases your group argued about.",
    ),
    "aims-cases": (
        "part1-aims/which-aim",
        "A",
        "book/part1/aims",
        "Sort each case under the aim it pursues: manage, resolve or transform the conflict. "
        "Mark any case you think fits two aims, and say why.",
    ),
    "architecture-functions": (
        "part2-architectures/functions",
        "F",
        "book/part2/architectures",
        "Place each body of Myanmar's peace architecture under its main function, as the brief "
        "describes it. Then compare the periods: which functions sat in separate bodies?",
    ),
    "ripeness-cards": (
        "data/ripeness_scenarios.yaml",
        "R",
        "notebooks/ripeness",
        "Take one scenario. Rate each side: is there a hurting stalemate? a sense of a way out? "
        "credible people ready to talk? Then say which kind of effort your rating suggests, and what "
        "evidence would change it.",
    ),
    "ripeness-since": (
        "data/workshop/ripeness_since.yaml",
        "S",
        "book/part4/still-hold",
        "Take one card; these cases are real and recent, so keep to the facts on the card. Rate each "
        "side: a hurting stalemate? a sense of a way out? credible people ready to talk? Place the card "
        "under the effort your rating suggests, and say what evidence would change it.",
    ),
}


def _from_item(set_id: str, ref: str, letter: str, chapter: str, instructions: str) -> CardSet:
    from ..exercises.bank import get_item

    item = get_item(ref)
    if item.type != "classification":
        raise WorkshopError(f"card set '{set_id}': exercise {ref} must be a classification item, not {item.type}")
    headings = tuple(Card(code="", text=c.text, detail=c.description, id=c.id) for c in item.categories)
    cards, key = [], []
    accepts = {a.option: a for a in item.accept}
    for n, opt in enumerate(item.options, 1):
        code = f"{letter}{n:02d}"
        cards.append(Card(code=code, text=opt.text))
        also = ()
        if opt.id in accepts:
            a = accepts[opt.id]
            label = item.category(a.category).text if a.category else ""
            also = (f"Also accepted: {label}. {a.rationale}".replace(":  ", ": "),)
        key.append(
            KeyLine(code=code, card=opt.text, answer=item.category(item.answer[opt.id]).text, reason=opt.feedback, also=also)
        )
    return CardSet(
        id=set_id,
        title=item.title,
        instructions=instructions,
        source=f"exercise {ref}",
        chapter=chapter,
        headings=headings,
        cards=tuple(cards),
        key=tuple(key),
    )


def _ripeness(set_id: str, letter: str, chapter: str, instructions: str) -> CardSet:
    from ..data.content import load_scenarios

    book = load_scenarios()
    cards, key = [], []
    # Cards set after the brief are judged from their indicators on the page; on paper the kit has
    # its own set for later cases ('ripeness-since'), and this set's facilitator's sheet gives the
    # brief's points, so they are left out here.
    printed = [sc for sc in book.scenarios if not sc.after_brief]
    for n, sc in enumerate(printed, 1):
        code = f"{letter}{n:02d}"
        cards.append(
            Card(
                code=code,
                text=sc.title,
                detail=f"{sc.setting}. Parties: {sc.parties[0]}; {sc.parties[1]}. {sc.summary}",
                prompts=sc.questions,
            )
        )
        key.append(
            KeyLine(
                code=code,
                card=sc.title,
                answer="No single answer: weigh the brief's points",
                reason=" ".join(f"({i}) {p}" for i, p in enumerate(sc.points, 1)),
            )
        )
    headings = tuple(Card(code="", text=e["label"], id=k) for k, e in book.efforts.items())
    return CardSet(
        id=set_id,
        title="Ripe or ready? Scenario cards",
        instructions=instructions,
        source="data/ripeness_scenarios.yaml",
        # Real cases (the brief's periods of Myanmar's peace process, and the cases of the works it
        # cites), not invented ones: the card sheet said "invented scenarios" until an audit caught it.
        origin="the course's scenario cards on real cases, from the brief and the works it cites",
        chapter=chapter,
        headings=headings,
        cards=tuple(cards),
        key=tuple(key),
        key_title="Facilitator's sheet: the brief's points to weigh",
    )


def card_set(set_id: str) -> CardSet:
    """The card set with this id; an unknown id raises WorkshopError listing the known ones."""
    if set_id not in CARD_SETS:
        raise WorkshopError(f"no card set '{set_id}' (there are: {', '.join(CARD_SETS)})")
    source, letter, chapter, instructions = CARD_SETS[set_id]
    if source.startswith("data/workshop/"):
        from .since import since_card_set

        return since_card_set(set_id, letter, chapter, instructions)
    if source.startswith("data/"):
        return _ripeness(set_id, letter, chapter, instructions)
    return _from_item(set_id, source, letter, chapter, instructions)


def all_card_sets() -> list[CardSet]:
    return [card_set(i) for i in CARD_SETS]
