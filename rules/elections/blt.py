"""Reading and writing elections in BLT, the ballot file format of OpenSTV, eSTV and Droop.

A BLT file looks like this (candidates are numbered from 1 in the file and
from 0 in ``Election``)::

    3 2              candidates and seats
    -2               optional: withdrawn candidates, negated
    4 1 3 0          4 papers ranking candidate 1 then 3; each line ends with 0
    1 2 0
    0                end of ballots
    "Ann"            one quoted name per candidate, in order
    "Bob"
    "Cat"
    "Board 2024"     optional quoted title

Blank lines are ignored. Equal rankings (``2=3``), skipped ranks (``-``) and
ballot ids are not accepted.
"""

from __future__ import annotations

import re

from rules.elections.ballots import Election

_QUOTED = re.compile(r'\s*"([^"\n]*)"\s*')


class BLTError(ValueError):
    """A BLT file that cannot be read; the message names the line."""


def _integers(text: str, line_number: int, what: str) -> list[int]:
    try:
        return [int(token) for token in text.split()]
    except ValueError:
        raise BLTError(
            f"line {line_number}: {what} must be whole numbers, got {text.strip()!r}"
        ) from None


def _quoted(text: str, line_number: int) -> list[str]:
    names: list[str] = []
    position = 0
    while position < len(text):
        match = _QUOTED.match(text, position)
        if match is None:
            raise BLTError(f'line {line_number}: expected a name in double quotes, got {text!r}')
        names.append(match.group(1))
        position = match.end()
    return names


def _ballot(numbers: list[int], size: int, line_number: int) -> tuple[int, tuple[int, ...]]:
    if numbers[-1] != 0:
        raise BLTError(f"line {line_number}: a ballot line must end with 0")
    weight, *preferences = numbers[:-1] or [0]
    if weight < 1:
        raise BLTError(f"line {line_number}: ballot weight must be at least 1, got {weight}")
    for candidate in preferences:
        if not 1 <= candidate <= size:
            raise BLTError(
                f"line {line_number}: candidate {candidate} is out of range 1..{size}"
            )
    if len(set(preferences)) != len(preferences):
        raise BLTError(f"line {line_number}: a candidate is ranked more than once")
    return weight, tuple(c - 1 for c in preferences)


def parse(text: str) -> Election:
    """Read an election from the text of a BLT file.

    Args:
        text: the whole file.

    Returns:
        The election, with 0-based candidate indexes and names exactly as quoted.

    Raises:
        BLTError: with the line number, if the file is malformed.
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise BLTError("line 1: the file is empty; expected '<candidates> <seats>'")
    header_number, header = lines[0]
    counts = _integers(header, header_number, "the header '<candidates> <seats>'")
    if len(counts) != 2 or counts[0] < 1 or counts[1] < 1:
        raise BLTError(
            f"line {header_number}: the header must be '<candidates> <seats>' with both "
            f"at least 1, got {header.strip()!r}"
        )
    size, seats = counts
    rest = iter(lines[1:])
    withdrawn: set[int] = set()
    ballots: list[tuple[int, tuple[int, ...]]] = []
    for line_number, line in rest:
        if line.lstrip().startswith('"'):
            raise BLTError(
                f"line {line_number}: names begin before the line holding 0 that ends the ballots"
            )
        numbers = _integers(line, line_number, "ballot lines")
        if numbers == [0]:
            break
        if numbers[0] < 0 and not ballots:
            if any(n >= 0 or -n > size for n in numbers):
                raise BLTError(
                    f"line {line_number}: withdrawn candidates must be written -1..-{size}"
                )
            withdrawn.update(-n - 1 for n in numbers)
            continue
        ballots.append(_ballot(numbers, size, line_number))
    else:
        raise BLTError(f"line {lines[-1][0]}: the ballots must end with a line holding 0")
    strings: list[tuple[int, str]] = []
    for line_number, line in rest:
        strings.extend((line_number, name) for name in _quoted(line, line_number))
    if len(strings) < size:
        last = lines[-1][0]
        raise BLTError(
            f"line {last}: expected {size} candidate names after the ballots, found {len(strings)}"
        )
    if len(strings) > size + 1:
        raise BLTError(
            f"line {strings[size + 1][0]}: unexpected text after the title "
            f"(only {size} names and one title may follow the ballots)"
        )
    names = tuple(name for _, name in strings[:size])
    title = strings[size][1] if len(strings) > size else ""
    try:
        return Election(names, seats, tuple(ballots), frozenset(withdrawn), title)
    except ValueError as error:
        raise BLTError(f"line {strings[0][0]}: {error}") from error


def dump(election: Election) -> str:
    """Write an election as BLT text such that ``parse(dump(e)) == e``.

    Raises:
        BLTError: if a name or the title holds a double quote or a line break,
            which BLT cannot represent.
    """
    for text in (*election.candidates, election.title):
        if '"' in text or "\n" in text or "\r" in text:
            raise BLTError(f"BLT cannot hold a double quote or line break in {text!r}")
    lines = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        lines.append(" ".join(f"-{i + 1}" for i in sorted(election.withdrawn)))
    for weight, preferences in election.ballots:
        lines.append(" ".join([str(weight), *(str(c + 1) for c in preferences), "0"]))
    lines.append("0")
    lines.extend(f'"{name}"' for name in election.candidates)
    lines.append(f'"{election.title}"')
    return "\n".join(lines) + "\n"
