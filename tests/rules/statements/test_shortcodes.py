"""Tests for parsing evidence short codes in statement text."""

import pytest

from rules.statements.shortcodes import (
    MAX_ID,
    ShortCode,
    find_shortcodes,
    parse_shortcode,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[poll:12:3]]", ShortCode("poll", 12, 3)),
        ("[[petition:7]]", ShortCode("petition", 7)),
        ("  [[petition:7]]\n", ShortCode("petition", 7)),
        ("[[poll:1:1]]", ShortCode("poll", 1, 1)),
        (f"[[poll:{MAX_ID}:{MAX_ID}]]", ShortCode("poll", MAX_ID, MAX_ID)),
    ],
)
def test_well_formed_short_code_is_parsed(text: str, expected: ShortCode) -> None:
    assert parse_shortcode(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[[poll:12]]",  # a poll must name its question
        "[[petition:7:1]]",  # a petition has no questions
        "[[poll:012:3]]",  # leading zero
        "[[poll:12:03]]",
        "[[petition:0]]",
        "[[poll:0:1]]",
        "[[petition:-7]]",
        "[[Petition:7]]",  # kind is lower case
        "[[POLL:12:3]]",
        "[[ petition:7 ]]",
        "[[petition: 7]]",
        "[petition:7]",
        "[[petition:7]",
        "[[petition:7]] and more",
        "see [[petition:7]]",
        "[[petition:7]][[petition:8]]",
        "[[survey:7]]",
        "[[petition:1e3]]",
        "[[petition:７]]",  # full-width digit
        f"[[petition:{MAX_ID + 1}]]",
        f"[[poll:1:{MAX_ID + 1}]]",
        "[[petition:99999999999999999999]]",
    ],
)
def test_anything_else_is_not_a_short_code(text: str) -> None:
    assert parse_shortcode(text) is None


@pytest.mark.parametrize(
    ("code", "spelling", "description"),
    [
        (ShortCode("poll", 12, 3), "[[poll:12:3]]", "poll 12 question 3"),
        (ShortCode("petition", 7), "[[petition:7]]", "petition 7"),
    ],
)
def test_short_code_spells_and_describes_itself(
    code: ShortCode, spelling: str, description: str
) -> None:
    assert str(code) == spelling
    assert parse_shortcode(str(code)) == code
    assert code.describe() == description


def test_short_code_is_immutable_and_hashable() -> None:
    code = ShortCode("petition", 7)
    with pytest.raises(AttributeError):
        code.id = 8  # type: ignore[misc]
    assert len({code, ShortCode("petition", 7)}) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("No evidence here.", []),
        (
            "Intro\n\n[[poll:12:3]]\n\nMiddle\n\n[[petition:7]]\n",
            [ShortCode("poll", 12, 3), ShortCode("petition", 7)],
        ),
        (
            "[[petition:7]]\n\n[[poll:1:2]]\n\n[[petition:7]]",
            [ShortCode("petition", 7), ShortCode("poll", 1, 2)],
        ),
        ("We cite [[petition:7]] inline.", []),
        ("[[poll:012:3]]\n[[petition:7:1]]", []),
        ("a\r\n[[petition:9]]\r\nb", [ShortCode("petition", 9)]),
    ],
)
def test_find_shortcodes_lists_codes_alone_on_a_line_once_each(
    text: str, expected: list[ShortCode]
) -> None:
    assert find_shortcodes(text) == expected
