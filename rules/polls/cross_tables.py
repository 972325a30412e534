"""Suppression across the breakdown tables of one question (region, category, role...).

Each table is safe on its own (rules.polls.suppression), but two tables of the same
respondents can be subtracted from each other. If the shown group "Students" (role)
holds all of the shown group "Student members" (category) but 3 more people, anyone who
knows that one group contains the other learns those 3 people's answers by subtracting
one row from the other. So for every pair of shown groups from different tables: when
each holds fewer than ``threshold`` respondents the other does not, and they are not
the very same respondents, one of the two must be withheld (the smaller; ties: the
one in the later table). That table's own rules then protect it as a small group.

This catches differencing between two rows. Sums of several rows of one table against
another (A + B against C) are not checked; the tables are kept coarse for that reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Set


def next_group_to_withhold(
    members: Mapping[str, Mapping[str, Set[object]]],
    shown: Mapping[str, Set[str]],
    *,
    threshold: int,
) -> tuple[str, str] | None:
    """Return (table, group) to withhold next so no two shown rows differ by a small group.

    Args:
        members: per table, per group, the respondents in it (any hashable ids).
        shown: per table, the groups it currently shows.
        threshold: the smallest group that may be worked out.

    Returns None when every pair of shown rows from different tables is safe.
    """
    tables = list(members)
    for i, first in enumerate(tables):
        for second in tables[i + 1:]:
            for a in sorted(shown.get(first, ())):
                for b in sorted(shown.get(second, ())):
                    only_a = len(members[first][a] - members[second][b])
                    only_b = len(members[second][b] - members[first][a])
                    if (only_a or only_b) and only_a < threshold and only_b < threshold:
                        if len(members[first][a]) < len(members[second][b]):
                            return first, a
                        return second, b
    return None
