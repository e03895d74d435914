"""The model's value classes: what users build, compare, copy and change terms with."""

from __future__ import annotations

import copy
import pickle

import pytest

from glossary.model import Candidate, Direction, Kind, Occurrence, Term


def _term() -> Term:
    occ = Occurrence(
        "a.txt",
        3,
        10,
        40,
        "the united front",
        "统一战线",
        context="… the united front (统一战线)",
        direction=Direction.EN_ZH,
        confidence=0.9,
        candidates=(Candidate("united front", 0.9),),
    )
    return Term(
        "united front",
        "统一战线",
        "統一戰線",
        kind=Kind.TRANSLATION,
        occurrences=(occ,),
        confidence=0.9,
    )


def test_where_and_how_sure_do_not_make_another_term() -> None:
    """Terms equal (and hash alike) whatever their occurrences and confidence."""
    t = _term()
    bare = Term("united front", "统一战线", "統一戰線")
    assert t == bare
    assert hash(t) == hash(bare)
    assert len({t, bare}) == 1
    assert t != bare.replace(note="a note")
    assert t.occurrences[0] != t.occurrences[0].replace(line=4)


def test_frozen_and_changed_only_by_replace() -> None:
    t = _term()
    with pytest.raises(AttributeError, match="replace"):
        t.english = "front"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del t.note  # type: ignore[misc]
    with pytest.raises(TypeError):
        t.replace(colour="red")
    changed = t.replace(english="the united front")
    assert (changed.english, t.english) == ("the united front", "united front")
    assert changed.occurrences == t.occurrences
    assert changed.confidence == t.confidence
    assert not hasattr(t, "__dict__")


@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_copies_keep_every_field(how: str) -> None:
    t = _term()
    c = pickle.loads(pickle.dumps(t)) if how == "pickle" else copy.deepcopy(t)
    assert c == t
    assert c is not t
    assert (c.occurrences, c.confidence) == (t.occurrences, t.confidence)
    assert c.occurrences[0].candidates == (Candidate("united front", 0.9),)


def test_repr_and_match_name_the_fields_in_order() -> None:
    c = Candidate("united front", 0.9, ("quotes",))
    assert repr(c) == "Candidate(text='united front', score=0.9, signals=('quotes',))"
    assert repr(_term()).startswith("Term(english='united front', chinese='统一战线', ")
    match _term():
        case Term(english, chinese, traditional):
            assert (english, chinese, traditional) == ("united front", "统一战线", "統一戰線")
        case _:
            pytest.fail("Term did not match by position")
