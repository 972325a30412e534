"""Evidence short codes that embed a poll result or a petition in a statement.

A short code is written alone on its own line of a statement's Markdown:

- ``[[poll:12:3]]`` -- question 3 of poll 12;
- ``[[petition:7]]`` -- petition 7.

The grammar is deliberately strict so that there is exactly one spelling per
piece of evidence: lower-case kind, no spaces, ids are positive integers with
no leading zeros and no larger than a PostgreSQL ``integer`` (so a lookup can
never overflow the column), a poll always names its question and a petition
never has one. Anything else is ordinary text and is rendered as typed.
"""

import re
from dataclasses import dataclass
from typing import Literal

MAX_ID = 2**31 - 1
# Evidence blocks one statement may hold: each is a chart and a table of figures, and
# a reader can take in a few dozen at most.
MAX_EVIDENCE_BLOCKS = 50

_POSITIVE = r"[1-9][0-9]{0,9}"
SHORTCODE_PATTERN = re.compile(
    rf"\[\[(?:poll:(?P<poll>{_POSITIVE}):(?P<question>{_POSITIVE})"
    rf"|petition:(?P<petition>{_POSITIVE}))\]\]"
)

ShortCodeKind = Literal["poll", "petition"]


@dataclass(frozen=True)
class ShortCode:
    """One piece of evidence named in a statement."""

    kind: ShortCodeKind
    id: int
    question: int | None = None

    def __str__(self) -> str:
        """Return the canonical spelling, e.g. ``[[poll:12:3]]``."""
        if self.question is None:
            return f"[[{self.kind}:{self.id}]]"
        return f"[[{self.kind}:{self.id}:{self.question}]]"

    def describe(self) -> str:
        """Return words for readers, e.g. ``poll 12 question 3``."""
        if self.question is None:
            return f"{self.kind} {self.id}"
        return f"{self.kind} {self.id} question {self.question}"


def parse_shortcode(s: str) -> ShortCode | None:
    """Parse a whole string as one short code.

    Args:
        s: the candidate text; surrounding whitespace is ignored.

    Returns:
        The short code, or None if ``s`` is anything other than exactly one
        well-formed short code (including ids above ``MAX_ID``). Never raises.
    """
    match = SHORTCODE_PATTERN.fullmatch(s.strip())
    if match is None:
        return None
    if match["petition"] is not None:
        code = ShortCode("petition", int(match["petition"]))
    else:
        code = ShortCode("poll", int(match["poll"]), int(match["question"]))
    if code.id > MAX_ID or (code.question or 0) > MAX_ID:
        return None
    return code


def find_shortcodes(text: str) -> list[ShortCode]:
    """List the short codes written alone on a line of ``text``.

    This reads lines, not Markdown, so it may also report a code that sits in
    a list or code block, which the renderer leaves as text: callers use it to
    load evidence in advance, where fetching one too many is harmless.

    Args:
        text: a statement's Markdown source.

    Returns:
        Each distinct short code once, in order of first appearance.
    """
    found: dict[ShortCode, None] = {}
    for line in text.splitlines():
        code = parse_shortcode(line)
        if code is not None:
            found.setdefault(code, None)
    return list(found)


def count_shortcode_lines(text: str) -> int:
    """How many lines of ``text`` are a short code (each one an evidence block), counting
    a code every time it appears; like ``find_shortcodes`` it reads lines, not Markdown."""
    return sum(1 for line in text.splitlines() if parse_shortcode(line) is not None)
