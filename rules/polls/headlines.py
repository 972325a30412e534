"""Plain-English headline phrases for a percentage, as a magazine writes them.

``headline(81, "members", "believe the government should act")`` gives
"Eight out of 10 members (81%) believe the government should act." The
phrase for a whole percent ``p`` is chosen by these rules, in this order:

=========  ==================================================================
p          phrase
=========  ==================================================================
0          "None" (headline: "No members (0%) ...")
1-4        "Only p%" (the figure is in the phrase, so no brackets)
5-7        "Fewer than one in 10"
96-99      "Almost all"
100        "All"
others     from the nearest *anchor* (ties go to the lower one), below
=========  ==================================================================

Anchors are the tenths (10%, 20% ... 90% but not 50%: "n in 10") and the fractions
a quarter (25%), a third (33 1/3%), half (50%), two thirds (66 2/3%) and
three quarters (75%). With ``d = p - anchor``:

- a tenth is said plainly, "Eight out of 10", when ``|d| <= 1``
  ("n out of 10" is already understood as a round figure);
- a fraction is said plainly, "A third", only when ``|d| < 1`` (25; 33 and 34;
  50; 66 and 67; 75), because "half" must never blur a majority: 49% and 51%
  are "Just under half" and "Just over half";
- otherwise ``0 < d <= 2`` is "Just over", ``d > 2`` "More than",
  ``-2 <= d < 0`` "Just under" and ``d < -2`` "Almost".

So 42% is "Just over four in 10", 53% "More than half", 86% "Almost nine
in 10". Numbers one to nine are words and 10 is a numeral, as in most house
styles. Phrases start with a capital (the start of a sentence) unless
``start_of_sentence=False``. Pass percentages rounded as in
``rules.polls.percentages``; ``headline_from_counts`` does that and never says
"None" or "All" of a share that is only close to 0% or 100%.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from rules.polls.percentages import display_percent

_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class _Anchor(NamedTuple):
    """A round share a phrase can be hung on."""

    value: Fraction
    plain: str  # said when p is within plain_band of value
    stem: str  # follows "just over", "almost" and the rest
    of: str  # joins the phrase to the noun: "half of members", "four in 10 members"
    plain_band: Fraction


def _tenth(n: int) -> _Anchor:
    """The anchor n in 10, said plainly one point either side."""
    word = _WORDS[n]
    return _Anchor(Fraction(10 * n), f"{word} out of 10", f"{word} in 10", " ", Fraction(1))


def _fraction(value: Fraction, name: str) -> _Anchor:
    """A fraction anchor, said plainly only for the whole percents it rounds to.

    Whole percents next to a third are 1/3 and 2/3 of a point away, so a band
    of 2/3 is "less than one point" for every fraction used here.
    """
    return _Anchor(value, name, name, " of ", Fraction(2, 3))


_ANCHORS = (
    # Five in 10 is left to "half", which says more plainly which side of it p is.
    *(_tenth(n) for n in (1, 2, 3, 4, 6, 7, 8, 9)),
    _fraction(Fraction(25), "a quarter"),
    _fraction(Fraction(100, 3), "a third"),
    _fraction(Fraction(50), "half"),
    _fraction(Fraction(200, 3), "two thirds"),
    _fraction(Fraction(75), "three quarters"),
)


def _check_percent(percent: int) -> None:
    """Raise ValueError unless percent is a whole number from 0 to 100."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValueError(f"percent must be a whole number from 0 to 100, got {percent!r}")


def _phrase_and_join(percent: int) -> tuple[str, str, bool]:
    """Return (lower-case phrase, joiner to the noun, whether to add "(p%)")."""
    if percent == 0:
        return "none", "", True
    if percent < 5:
        return f"only {percent}%", " of ", False
    if percent < 8:
        return "fewer than one in 10", " ", True
    if percent == 100:
        return "all", " ", True
    if percent > 95:
        return "almost all", " ", True
    # Sorting by (distance, value) picks the nearest anchor, the lower on a tie.
    anchor = min(_ANCHORS, key=lambda a: (abs(percent - a.value), a.value))
    d = percent - anchor.value
    if abs(d) <= anchor.plain_band:
        return anchor.plain, anchor.of, True
    if d > 0:
        qualifier = "just over" if d <= 2 else "more than"
    else:
        qualifier = "just under" if d >= -2 else "almost"
    return f"{qualifier} {anchor.stem}", anchor.of, True


def _capitalised(text: str, start_of_sentence: bool) -> str:
    """Upper-case the first letter when the text starts a sentence."""
    return text[:1].upper() + text[1:] if start_of_sentence else text


def proportion_phrase(percent: int, *, start_of_sentence: bool = True) -> str:
    """Return the phrase for a whole percent, e.g. 81 -> "Eight out of 10".

    Raises:
        ValueError: if percent is not an int from 0 to 100.
    """
    _check_percent(percent)
    phrase, _, _ = _phrase_and_join(percent)
    return _capitalised(phrase, start_of_sentence)


def _sentence(subject: str, predicate: str) -> str:
    """Join subject and predicate into one sentence ending in a full stop."""
    predicate = predicate.strip().rstrip(".")
    return f"{subject} {predicate}." if predicate else f"{subject}."


def headline(percent: int, noun: str = "members", predicate: str = "agree") -> str:
    """Return a headline sentence, e.g. "Eight out of 10 members (81%) agree."

    Args:
        percent: the whole percent, 0 to 100.
        noun: who the share is of, plural ("members", "social workers").
        predicate: what they did or think, agreeing with a plural subject.

    Raises:
        ValueError: if percent is not an int from 0 to 100, or noun is blank.
    """
    _check_percent(percent)
    noun = noun.strip()
    if not noun:
        raise ValueError("noun must not be blank")
    phrase, join, bracket = _phrase_and_join(percent)
    if percent == 0:
        phrase, join = "no", " "
    subject = f"{phrase}{join}{noun}" + (f" ({percent}%)" if bracket else "")
    return _sentence(_capitalised(subject, True), predicate)


def headline_from_counts(
    count: int, base: int, noun: str = "members", predicate: str = "agree"
) -> str:
    """Return the headline for count out of base respondents.

    Unlike ``headline(display_percent(...))`` it says "Fewer than 1% of ..."
    and "Almost all ... (>99%)" for shares that only round to 0% or 100%.

    Raises:
        ValueError: if base is 0, a count is negative, or count exceeds base.
    """
    if base == 0:
        raise ValueError("no respondents: there is no share to write a headline about")
    percent = display_percent(count, base)
    if count > base:
        raise ValueError(f"count {count} is more than the base {base}")
    if percent == 0 and count > 0:
        return _sentence(f"Fewer than 1% of {noun.strip()}", predicate)
    if percent == 100 and count < base:
        return _sentence(f"Almost all {noun.strip()} (>99%)", predicate)
    return headline(percent, noun, predicate)
