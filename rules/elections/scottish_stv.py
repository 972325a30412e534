"""Single transferable vote as in the Scottish Local Government Elections Order 2007.

Rule numbers below refer to Schedule 1 of that Order (SSI 2007/42):
45 first stage, 46 quota, 47 election on reaching the quota, 48-49 surplus
transfers (weighted inclusive Gregory method, transfer values truncated to five
decimal places), 50-51 exclusion of the lowest candidate, 52 last vacancies.
"""

from __future__ import annotations

from rules.elections.ballots import Election, valid_rankings
from rules.elections.result import SCALE, CountResult, Stage, to_votes
from rules.elections.ties import pick, rank
from rules.elections.transfers import Piles

RULE = "scottish-stv"


def droop_quota(valid_votes: int, seats: int) -> int:
    """Rule 46: valid papers divided by one more than the seats, fraction ignored, plus one."""
    return valid_votes // (seats + 1) + 1


def transfer_value(surplus: int, paper_value: int, total: int) -> int:
    """Rule 48(3): surplus times the paper's value over the candidate's total, truncated.

    All three arguments and the result are in units of 1/100000 of a vote, so
    integer floor division truncates at exactly five decimal places.
    """
    return surplus * paper_value // total


class _Count:
    """The state of one count as it moves from stage to stage."""

    def __init__(self, election: Election) -> None:
        """Sort the valid papers by first preference and fix the quota (rules 45-46)."""
        self.election = election
        rankings = valid_rankings(election)
        self.valid_votes = sum(rankings.values())
        self.quota = droop_quota(self.valid_votes, election.seats)
        self.piles = Piles(len(election.candidates), rankings, SCALE)
        for index in election.withdrawn:
            self.piles.continuing[index] = False
        self.hopeful = list(election.continuing)
        self.elected: list[int] = []
        self.excluded: list[int] = []
        self.pending: list[int] = []
        self.exhausted = 0
        self.lost = 0
        self.history: list[tuple[int, ...]] = []
        self.stages: list[Stage] = []

    @property
    def vacancies(self) -> int:
        """Seats not yet filled."""
        return self.election.seats - len(self.elected)

    def record(self, action: str, notes: list[str]) -> None:
        """Close a stage: keep its votes for tie-breaks and add it to the report."""
        votes = tuple(self.piles.votes)
        self.history.append(votes)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                votes=tuple(to_votes(v) for v in votes),
                exhausted=to_votes(self.exhausted),
                elected_so_far=tuple(self.elected),
                excluded_so_far=tuple(self.excluded),
                note=" ".join(notes),
                lost_to_fractions=to_votes(self.lost),
            )
        )

    def elect_quota_holders(self) -> list[str]:
        """Rule 47: deem elected everyone at or over the quota, highest first."""
        votes = self.piles.votes
        reached = [c for c in self.hopeful if votes[c] >= self.quota * SCALE]
        if not reached:
            return []
        stage = len(self.history)
        ordered, notes = rank(self.election, reached, votes, self.history,
                              occasion=f"stage {stage} order of election")
        for candidate in ordered:
            self.hopeful.remove(candidate)
            self.piles.continuing[candidate] = False
            self.elected.append(candidate)
            if votes[candidate] > self.quota * SCALE:
                self.pending.append(candidate)
        names = ", ".join(self.election.name(c) for c in ordered)
        return [*notes, f"Elected with the quota: {names}."]

    def transfer_surplus(self) -> tuple[str, list[str]]:
        """Rules 48-49: pass on the largest surplus at reduced value."""
        votes = self.piles.votes
        largest = max(votes[c] for c in self.pending)
        source, note = pick(self.election, [c for c in self.pending if votes[c] == largest],
                            self.history, lowest=False,
                            occasion=f"stage {len(self.history) + 1} largest surplus")
        self.pending.remove(source)
        total = votes[source]
        surplus = total - self.quota * SCALE
        values: dict[int, int] = {}

        def revalue(value: int) -> int:
            if value not in values:
                values[value] = transfer_value(surplus, value, total)
            return values[value]

        passed, non_transferable = self.piles.transfer(source, revalue)
        self.exhausted += non_transferable
        self.lost += surplus - passed - non_transferable
        votes[source] = self.quota * SCALE
        name = self.election.name(source)
        notes = [note] if note else []
        notes.append(f"Surplus of {to_votes(surplus)} transferred; "
                     f"{to_votes(non_transferable)} non-transferable.")
        return f"surplus of {name}", notes

    def exclude_lowest(self) -> tuple[str, list[str]]:
        """Rules 50-51: exclude the lowest continuing candidate and pass on their papers."""
        votes = self.piles.votes
        lowest = min(votes[c] for c in self.hopeful)
        source, note = pick(self.election, [c for c in self.hopeful if votes[c] == lowest],
                            self.history, lowest=True,
                            occasion=f"stage {len(self.history) + 1} exclusion")
        self.hopeful.remove(source)
        self.excluded.append(source)
        _, non_transferable = self.piles.transfer(source)
        self.exhausted += non_transferable
        notes = [note] if note else []
        return f"exclusion of {self.election.name(source)}", notes

    def fill_last_vacancies(self) -> None:
        """Rule 52: continuing candidates no more than the vacancies are all elected."""
        votes = self.piles.votes
        ordered, notes = rank(self.election, self.hopeful, votes, self.history,
                              occasion="order of the last vacancies")
        self.elected.extend(ordered)
        self.hopeful = []
        names = ", ".join(self.election.name(c) for c in ordered)
        notes.append(f"Continuing candidates no more than vacancies; deemed elected: {names}.")
        self.record("filling of last vacancies", notes)


def count_scottish_stv(election: Election) -> CountResult:
    """Count ``election`` under the Scottish STV rules of the 2007 Order.

    A count ends when every seat is filled, or when the continuing candidates
    are no more than the vacancies (they are then all elected, rule 52; with
    fewer candidates than seats some seats stay empty). Ties are settled by
    earlier stages, then by ``ties.draw_lots``; each stage's note says how.

    Returns:
        The result, with vote figures to five decimal places.
    """
    count = _Count(election)
    notes = count.elect_quota_holders()
    count.record("first count", notes)
    while count.vacancies > 0:
        if len(count.hopeful) <= count.vacancies:
            if count.hopeful:
                count.fill_last_vacancies()
            break
        if count.pending:
            action, notes = count.transfer_surplus()
        else:
            action, notes = count.exclude_lowest()
        notes.extend(count.elect_quota_holders())
        count.record(action, notes)
    return CountResult(
        rule=RULE,
        elected=tuple(count.elected),
        stages=tuple(count.stages),
        quota=count.quota,
        valid_votes=count.valid_votes,
    )
