"""Breaking ties between candidates: by earlier stages, then by a reproducible lot."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from rules.elections.ballots import Election


def draw_lots(election: Election, tied: Sequence[int], occasion: str) -> list[int]:
    """Order tied candidates by lot, the same way every time the count is run.

    The Order leaves a lot to the returning officer. A count that must be
    re-runnable and auditable cannot use a hidden random choice, so each
    candidate draws the SHA-256 digest of the election title, the occasion
    (for example ``"stage 4 exclusion"``) and their name; lowest digest draws
    first. Anyone can repeat the draw from the published ballot file.

    Args:
        election: supplies the title and names that seed the draw.
        tied: candidate indexes that are tied.
        occasion: what the lot decides, so different ties draw differently.

    Returns:
        The tied candidates in the order drawn.
    """

    def ticket(index: int) -> str:
        seed = "\x1f".join((election.title, occasion, election.candidates[index]))
        return hashlib.sha256(seed.encode("utf-8")).hexdigest()

    return sorted(tied, key=ticket)


def pick(
    election: Election,
    tied: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    lowest: bool,
    occasion: str,
) -> tuple[int, str]:
    """Choose one of several candidates with equal votes, as rules 49 and 51 say.

    Looks back from the most recent stage to the first for a stage at which the
    tied candidates had unequal votes, and picks the lowest (or highest) there;
    candidates still level at that stage are compared at earlier stages. If they
    were level at every stage the choice is made by ``draw_lots``.

    Args:
        election: the election (for names and the lot).
        tied: at least one candidate index.
        history: each stage's votes, indexed by candidate, oldest first.
        lowest: True to pick the candidate who had fewest votes, False for most.
        occasion: what is being decided, used in the note and the lot.

    Returns:
        The chosen candidate and a note explaining the choice ("" if no tie).
    """
    if len(tied) == 1:
        return tied[0], ""
    names = ", ".join(election.candidates[i] for i in tied)
    remaining = list(tied)
    for stage_number in range(len(history), 0, -1):
        votes = history[stage_number - 1]
        best = (min if lowest else max)(votes[i] for i in remaining)
        narrowed = [i for i in remaining if votes[i] == best]
        if len(narrowed) < len(remaining):
            remaining = narrowed
            if len(remaining) == 1:
                chosen = remaining[0]
                return chosen, (
                    f"{names} were tied for {occasion}; {election.candidates[chosen]} "
                    f"chosen by votes at stage {stage_number}."
                )
    chosen = draw_lots(election, remaining, occasion)[0]
    return chosen, (
        f"{names} were tied for {occasion} at every stage; "
        f"{election.candidates[chosen]} chosen by lot (SHA-256 draw seeded by the title)."
    )


def rank(
    election: Election,
    candidates: Sequence[int],
    current: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    occasion: str,
) -> tuple[list[int], list[str]]:
    """Order candidates by current votes, highest first, settling ties with ``pick``.

    Returns:
        The ordered candidates and the notes of any ties broken.
    """
    left = list(candidates)
    ordered: list[int] = []
    notes: list[str] = []
    while left:
        top = max(current[i] for i in left)
        chosen, note = pick(
            election, [i for i in left if current[i] == top], history,
            lowest=False, occasion=occasion,
        )
        if note:
            notes.append(note)
        ordered.append(chosen)
        left.remove(chosen)
    return ordered, notes
