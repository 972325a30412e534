"""Approval voting: every candidate marked on a paper gets one approval from it."""

from __future__ import annotations

from rules.elections.ballots import Election, valid_rankings
from rules.elections.plurality import top_candidates
from rules.elections.result import CountResult

RULE = "approval"


def count_approval(election: Election) -> CountResult:
    """Give each standing candidate listed on a paper one approval; order is ignored.

    Returns:
        The ``seats`` candidates with most approvals, highest first.
    """
    tally = [0] * len(election.candidates)
    rankings = valid_rankings(election)
    for ranking, papers in rankings.items():
        for candidate in ranking:
            tally[candidate] += papers
    return top_candidates(election, tally, RULE, sum(rankings.values()))
