"""Demo polls: an open survey, a closed reader-style survey with published results, and a
closed officer election. Voters are bulk-inserted members, so loading stays fast."""

import random
import secrets
from datetime import timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipCategory
from models.polls import Ballot, BallotAnswer, Poll, PollEligibility, PollParticipation, PollStatus
from services import passwords
from services.membership.categories import ensure_standard_categories
from services.polls import builder, running
from services.polls.voting import LABEL_MIN, OTHER, answer_rows, new_receipt_code

VOTERS = 320
# (region, share of voters): Wales and Northern Ireland are small, so breakdowns suppress them.
REGIONS = [("london", 70), ("north_west", 55), ("south_east", 50), ("yorkshire_humber", 40),
           ("west_midlands", 35), ("scotland", 30), ("east_of_england", 25), ("wales", 9),
           ("northern_ireland", 6)]
CATEGORIES = [("qualified", 60), ("newly_qualified", 15), ("manager", 15), ("student", 7),
              ("retired", 3)]
ROLES = [("practitioner", 55), ("senior_practitioner", 20), ("manager", 15), ("student", 7),
         ("academic", 3)]


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _voters(session: Session, accounts: dict[str, User], rng: random.Random) -> None:
    """Bulk-insert demo members in good standing (and give the demo member a membership)."""
    ensure_standard_categories(session)
    categories = dict(session.execute(select(MembershipCategory.code, MembershipCategory.id)).all())
    password = passwords.hash_password(secrets.token_urlsafe(16))  # nobody signs in as these
    now = utcnow()
    session.execute(insert(User), [
        {"email": f"voter{i}@example.org", "email_canonical": f"voter{i}@example.org",
         "name": f"Demo Voter {i}", "password_hash": password, "role": "member",
         "email_verified_at": now} for i in range(1, VOTERS + 1)])
    ids = session.scalars(select(User.id).where(User.email.like("voter%@example.org"))).all()
    member = accounts.get("member")
    if member and session.scalar(select(Membership.id).where(Membership.user_id == member.id)) is None:
        ids = [*ids, member.id]
    joined = now.date() - timedelta(days=400)
    session.execute(insert(Membership), [
        {"user_id": user_id, "category_id": categories[_pick(rng, CATEGORIES)], "status": "active",
         "status_since": joined, "period_end": now.date() + timedelta(days=200),
         "region": _pick(rng, REGIONS), "role": _pick(rng, ROLES), "joined_on": joined,
         "sector": "children_families"} for user_id in ids])


def _deck(rng: random.Random, shares, n: int) -> list:
    """``n`` answers in the given shares exactly (largest remainder), shuffled.

    Dealing from a deck rather than drawing each voter at random keeps the demo's
    headline figures those of the magazine poll it imitates.
    """
    total = sum(share for _, share in shares)
    exact = [(value, n * share / total) for value, share in shares]
    counts = [int(quota) for _, quota in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i][1] - counts[i], reverse=True)
    for i in by_remainder[:n - sum(counts)]:
        counts[i] += 1
    deck = [value for (value, _), k in zip(exact, counts, strict=True) for _ in range(k)]
    rng.shuffle(deck)
    return deck


# Who should be dismissed (doctors, the director, social workers): every voter ticks at
# least one, and the marginals are the magazine's 53%, 40% and 21% (sum 114%).
DISMISSED = [((0,), 43), ((1,), 30), ((2,), 15), ((0, 1), 6), ((0, 2), 2), ((1, 2), 2),
             ((0, 1, 2), 2)]


def _closed_poll(session: Session, poll: Poll, answers_for, days_ago: int,
                 rng: random.Random) -> None:
    """Open the poll now (snapshot), then write ballots as if cast and closed days ago.

    ``answers_for(rows)`` gives the answers of every voter (eligibility rows), in order.
    """
    running.open_poll(session, poll, actor=None)
    voters = session.execute(select(PollEligibility).where(PollEligibility.poll_id == poll.id)
                             ).scalars().all()
    counts: dict[tuple[str, str], int] = {}
    for row in voters:
        for column in ("region", "category", "role"):
            key = (column, getattr(row, column))
            counts[key] = counts.get(key, 0) + 1
    voted = [row for row in voters if rng.random() < 0.8]
    day = (utcnow() - timedelta(days=days_ago + 3)).date()
    ballots, answers = [], []
    for row, answered in zip(voted, answers_for(voted), strict=True):
        ballot_id = secrets.token_hex(16)
        labels = {c: (getattr(row, c) if counts[(c, getattr(row, c))] >= LABEL_MIN else OTHER)
                  for c in ("region", "category", "role")}
        ballots.append({"id": ballot_id, "poll_id": poll.id, "cast_on": day,
                        "sort_key": secrets.randbits(62), "receipt_code": new_receipt_code(),
                        "source": "online", **labels})
        answers.extend(answer_rows(ballot_id, poll, answered))
    session.execute(insert(PollParticipation), [
        {"poll_id": poll.id, "user_id": row.user_id, "voted_on": day} for row in voted])
    session.execute(insert(Ballot), ballots)
    session.execute(insert(BallotAnswer), answers)
    poll.status, poll.closed_at = PollStatus.CLOSED, utcnow() - timedelta(days=days_ago)
    poll.opened_at = poll.closed_at - timedelta(days=14)
    poll.closes_at = poll.closed_at


def seed(session: Session, accounts: dict[str, User]) -> None:
    """Add the three demo polls and the members who voted in them."""
    rng = random.Random(20090101)  # nosec B311
    staff = accounts["staff"]
    _voters(session, accounts, rng)

    survey = builder.create_poll(
        session, actor=staff, title="Reader poll: child protection after the Baby P case",
        description="Members' views on the response to the case and the systems they work with.",
        quorum_min_percent=25)
    q1 = builder.add_question(session, survey, actor=staff, kind="yes_no",
                              text="Should the government bring in new management?")
    q1.options[0].statement = "believe the government should bring in new management"
    q2 = builder.add_question(session, survey, actor=staff, kind="multiple",
                              text="Who should be dismissed?",
                              options=["Doctors", "The director", "Social workers"])
    for option, what in zip(q2.options, ("doctors", "the director", "social workers"), strict=True):
        option.statement = f"said {what} should be dismissed"
    q3 = builder.add_question(session, survey, actor=staff, kind="yes_no",
                              text="Was the case symptomatic of wider problems?")
    q3.options[0].statement = "believe the case was symptomatic of wider problems"
    q4 = builder.add_question(session, survey, actor=staff, kind="scale",
                              text="How much confidence do you have in the case-management system?",
                              options=["No confidence", "Some confidence", "Full confidence"])
    for option, how in zip(q4.options, ("no", "some", "full"), strict=True):
        option.statement = f"have {how} confidence in the case-management system"
    q5 = builder.add_question(session, survey, actor=staff, kind="text",
                              text="Anything else you want to tell us?")
    remarks = ["Caseloads are far too high.", "We need time for reflective supervision.",
               "The IT system takes more time than the families do.", "", "", ""]

    def survey_answers(rows):
        n = len(rows)
        yes_no = _deck(rng, [(0, 81), (1, 19)], n)
        dismissed = _deck(rng, DISMISSED, n)
        wider = _deck(rng, [(0, 86), (1, 14)], n)
        confidence = _deck(rng, [(0, 39), (1, 57), (2, 2), (None, 2)], n)  # 2% did not say
        return [{
            q1.id: q1.options[yes_no[i]].id,
            q2.id: tuple(q2.options[k].id for k in dismissed[i]),
            q3.id: q3.options[wider[i]].id,
            q4.id: None if confidence[i] is None else q4.options[confidence[i]].id,
            q5.id: rng.choice(remarks),
        } for i in range(n)]

    _closed_poll(session, survey, survey_answers, days_ago=10, rng=rng)
    survey.publish_free_text = True

    election = builder.create_poll(session, actor=staff, title="Council election 2026",
                                   description="Three seats on the council, by single "
                                               "transferable vote.", quorum_min_ballots=50)
    council = builder.add_question(
        session, election, actor=staff, kind="ranked", seats=3, text="Elect three council members",
        options=["Amara Okafor", "Ben Hughes", "Catrin Jones", "Dev Patel", "Erin Walsh",
                 "Fraser Reid"])
    popularity = [30, 22, 18, 14, 10, 6]

    def ballot_rankings(rows):
        rankings = []
        for _ in rows:
            order = sorted(council.options, key=lambda o: -popularity[o.position] * rng.random())
            rankings.append({council.id: tuple(o.id for o in order[:rng.randint(1, 5)])})
        return rankings

    _closed_poll(session, election, ballot_rankings, days_ago=30, rng=rng)

    workload = builder.create_poll(
        session, actor=staff, title="Workload and caseloads survey 2026",
        description="Tell us about your caseload: the results will shape our next statement.",
        closes_at=utcnow() + timedelta(days=14), shuffle_options=True)
    builder.add_question(session, workload, actor=staff, kind="single",
                         text="How many cases do you hold?",
                         options=["Fewer than 15", "15 to 20", "21 to 25", "More than 25"])
    builder.add_question(session, workload, actor=staff, kind="scale",
                         text="My caseload is manageable.",
                         options=["Strongly disagree", "Disagree", "Neither", "Agree",
                                  "Strongly agree"])
    builder.add_question(session, workload, actor=staff, kind="multiple", max_choices=2,
                         text="What would help most? Choose up to two.",
                         options=["More staff", "Less paperwork", "Better IT", "Supervision"])
    running.open_poll(session, workload, actor=None)
