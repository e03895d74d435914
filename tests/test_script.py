"""Script conversion and detection: the table in cases/script.tsv, and overrides."""

from __future__ import annotations

import pytest

from casetables import params
from glossary.script import Script, Standard, detect_script, to_simplified, to_traditional


@pytest.mark.parametrize("row", params("script.tsv"))
def test_script_table(row: dict[str, str]) -> None:
    """Each row converts (or is detected) as the table says."""
    text = row["input"]
    if row["function"] == "traditional":
        got = to_traditional(text, Standard(row["standard"]))
    elif row["function"] == "simplified":
        got = to_simplified(text)
    else:
        got = detect_script(text).value
    assert got == row["expected"]


def test_caller_overrides_are_local() -> None:
    """A caller's correction applies to that call and leaves later calls alone."""
    assert to_traditional("台山", overrides={"台山": "臺山"}) == "臺山"
    assert to_traditional("台山") == "台山"


def test_caller_simplified_override() -> None:
    """to_simplified takes traditional -> simplified corrections too."""
    assert to_simplified("乾隆", overrides={"乾隆": "乾隆"}) == "乾隆"


def test_round_trip_keeps_simplified() -> None:
    """Simplified -> traditional -> simplified gives back the original text."""
    text = "巩固全面能源合作伙伴关系"
    assert to_simplified(to_traditional(text)) == text


def test_detect_mixed_enum() -> None:
    """Detection returns the enum member, not a string."""
    assert detect_script("中國人民银行") is Script.MIXED
