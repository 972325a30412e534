"""Small-group suppression for breakdowns of one question's results by group.

A breakdown is a table: one row per group (region, membership category,
role...), one column per option, with each group's number of respondents and
the overall total beside it. It must never show a group of fewer than
``threshold`` respondents (10 by default), nor a figure from which one can be
worked out. The rules, applied until none of them asks for more:

1. *Primary*: every group with fewer than ``threshold`` respondents is
   suppressed (a group with 0 respondents too: "nobody from X answered" is
   itself a figure about a small group).
2. *Complementary, rows*: the overall total and the shown groups are public,
   so the suppressed groups *together* can always be worked out by
   subtraction. So there must be at least two of them (one alone would be
   given away exactly) and together they must have at least ``threshold``
   respondents (else the residual is itself a small group). If not, the
   smallest shown group is suppressed as well.
3. *Complementary, cells*: the same subtraction gives, per option, how many of
   the suppressed groups' respondents chose it. If that is 0, or all of them,
   then every suppressed group's cell follows (each is 0, or each is "all"),
   so the smallest shown group that breaks the pattern is suppressed as well.
   Options chosen by nobody or by everybody overall are exempt: the overall
   result has said so already.

If the overall total is itself below the threshold nothing is shown, not even
the total. A suppressed group carries no numbers at all, only its name.

The caller must pass *every* respondent in exactly one group (put people
with no recorded region in a group such as "Not stated"), because the total
is taken to be the sum of the groups; a total that included people outside
the groups would give their number away by subtraction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rules.polls.percentages import display_percent

DEFAULT_THRESHOLD = 10


@dataclass(frozen=True)
class GroupFigures:
    """One row of a breakdown; the numbers are None when the group is suppressed."""

    group: str
    shown: bool
    respondents: int | None = None
    counts: dict[int, int] | None = None
    percentages: dict[int, int] | None = None


@dataclass(frozen=True)
class Breakdown:
    """A breakdown ready to publish: the rows in input order and the overall total.

    ``respondents``, ``counts`` and ``percentages`` are the overall figures,
    None when ``total_shown`` is False.
    """

    threshold: int
    total_shown: bool
    respondents: int | None
    counts: dict[int, int] | None
    percentages: dict[int, int] | None
    groups: tuple[GroupFigures, ...]

    @property
    def suppressed(self) -> tuple[str, ...]:
        """Names of the suppressed groups, in input order."""
        return tuple(row.group for row in self.groups if not row.shown)

    def group(self, name: str) -> GroupFigures:
        """Return the row of the named group.

        Raises:
            KeyError: if the breakdown has no such group.
        """
        for row in self.groups:
            if row.group == name:
                return row
        raise KeyError(name)


def _check(
    counts: Mapping[str, Mapping[int, int]], respondents: Mapping[str, int], threshold: int
) -> None:
    """Raise ValueError on a table that cannot be right."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a positive whole number, got {threshold!r}")
    for group, size in respondents.items():
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValueError(f"group {group!r}: respondents must be a count, got {size!r}")
    for group, cells in counts.items():
        if group not in respondents:
            raise ValueError(f"group {group!r} has counts but no number of respondents")
        for option, number in cells.items():
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                raise ValueError(f"group {group!r}, option {option}: not a count: {number!r}")
            if number > respondents[group]:
                raise ValueError(
                    f"group {group!r}, option {option}: {number} is more than its "
                    f"{respondents[group]} respondents"
                )


def _next_to_suppress(
    cells: Mapping[str, Mapping[int, int]],
    sizes: Mapping[str, int],
    suppressed: set[str],
    threshold: int,
    option_ids: Sequence[int],
) -> str | None:
    """Return the group whose suppression the rules ask for next, or None."""
    shown = [group for group in sizes if group not in suppressed]
    if not suppressed or not shown:
        return None
    total = sum(sizes.values())
    residual = sum(sizes[group] for group in suppressed)
    candidates: list[str] = []
    if len(suppressed) == 1 or residual < threshold:
        candidates = shown
    else:
        for option in option_ids:
            overall = sum(cells[group][option] for group in sizes)
            if overall in (0, total):
                continue
            hidden = sum(cells[group][option] for group in suppressed)
            if hidden == 0:
                candidates = [group for group in shown if cells[group][option] > 0]
            elif hidden == residual:
                candidates = [group for group in shown if cells[group][option] < sizes[group]]
            if candidates:
                break
    if not candidates:
        return None
    # min() keeps the first of equals, so ties go to the earlier group.
    return min(candidates, key=sizes.__getitem__)


def suppress_breakdown(
    counts: Mapping[str, Mapping[int, int]],
    respondents: Mapping[str, int],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    option_ids: Sequence[int] | None = None,
    also_suppress: Collection[str] = (),
) -> Breakdown:
    """Decide which groups of a breakdown can be shown, and their figures.

    Args:
        counts: per group, how many of its respondents chose each option
            (a missing option or group counts as 0).
        respondents: per group, how many answered the question; the order
            of this mapping is the order of the rows.
        threshold: the smallest group that may be shown.
        option_ids: the options, in column order; by default every option
            that appears in ``counts``, in order of first appearance.
        also_suppress: groups to withhold whatever their size (another
            table asked for it, see rules.polls.cross_tables); the rules
            above then protect them like any small group.

    Raises:
        ValueError: if the threshold is not a positive int, a count is
            negative or larger than its group, or a group has counts but no
            respondents.
    """
    _check(counts, respondents, threshold)
    if option_ids is None:
        option_ids = list(dict.fromkeys(option for cells in counts.values() for option in cells))
    sizes = dict(respondents)
    cells = {
        group: {option: counts.get(group, {}).get(option, 0) for option in option_ids}
        for group in sizes
    }
    total = sum(sizes.values())
    total_shown = total >= threshold
    if total_shown:
        suppressed = {group for group, size in sizes.items()
                      if size < threshold or group in also_suppress}
        # Each round suppresses one more group, so this ends within len(sizes).
        while True:
            extra = _next_to_suppress(cells, sizes, suppressed, threshold, option_ids)
            if extra is None:
                break
            suppressed.add(extra)
    else:
        suppressed = set(sizes)
    rows = tuple(
        GroupFigures(group, shown=False)
        if group in suppressed
        else GroupFigures(
            group,
            shown=True,
            respondents=sizes[group],
            counts=dict(cells[group]),
            percentages={o: display_percent(n, sizes[group]) for o, n in cells[group].items()},
        )
        for group in sizes
    )
    overall = {option: sum(cells[group][option] for group in sizes) for option in option_ids}
    return Breakdown(
        threshold=threshold,
        total_shown=total_shown,
        respondents=total if total_shown else None,
        counts=overall if total_shown else None,
        percentages={o: display_percent(n, total) for o, n in overall.items()}
        if total_shown
        else None,
        groups=rows,
    )
