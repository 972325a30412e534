"""The ballots load of the crash test: members sign in and vote in one open poll over HTTP.

`python -m tests.reliability.load_ballots N` (run with DATABASE_URL set to the crash test's
schema) makes N members in good standing who can sign in and an open poll with all of them
on its list of voters, and prints what the load needs as JSON.
"""

import itertools
import json
import subprocess
import sys
from collections import deque

import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.polls import Ballot, PollParticipation
from tests.reliability.servers import ROOT, csrf_token, server_env

VOTERS = 60
PASSWORD = "correct horse battery"


def prepare(count: int) -> dict:
    """In the process's own app (DATABASE_URL): voters and an open poll; what the load needs."""
    from app import create_app
    from extensions import db
    from tests.factories.membership import create_member
    from tests.factories.polls import create_poll

    app = create_app()
    with app.app_context():
        emails = [create_member(email=f"voter-{n}@example.org").email for n in range(count)]
        poll = create_poll(title="Crash test ballot", status="open", questions=[
            ("Do you support the motion?", "yes_no", []),
            ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1})])
        yes_no, ranked = poll.questions
        prepared = {"poll_id": poll.id, "emails": emails,
                    "yes_no": [yes_no.id, [o.id for o in yes_no.options]],
                    "ranked": [ranked.id, [o.id for o in ranked.options]]}
        db.session.remove()
    return prepared


class BallotLoad:
    """Each attempt: a voter who has not voted signs in and votes; success is the redirect to
    the receipt."""

    name = "ballots"

    def setup(self, env: dict) -> None:
        result = subprocess.run([sys.executable, "-m", "tests.reliability.load_ballots",
                                 str(VOTERS)], cwd=ROOT, env=server_env(**env),
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, f"preparing the ballots failed:\n{result.stderr[-3000:]}"
        self.prepared = json.loads(result.stdout.strip().splitlines()[-1])
        self.poll_id = self.prepared["poll_id"]
        self._voters = deque(self.prepared["emails"])  # who has not voted yet, as far as known
        self._numbers = itertools.count()

    def attempt(self, browser: requests.Session, base_url: str, n: int) -> str | None:
        try:
            email = self._voters.popleft()
        except IndexError:
            return None  # every voter has voted
        voted = None
        try:
            voted = self._vote(base_url, email)
        finally:
            if voted is None:  # try again later (if the ballot was in fact cast, the poll
                self._voters.append(email)  # refuses a second one: no success answer)
        return voted

    def _vote(self, base_url: str, email: str) -> str | None:
        voter = requests.Session()  # one voter per browser, as in a polling station
        token = csrf_token(voter, f"{base_url}/account/sign-in")
        signed_in = voter.post(f"{base_url}/account/sign-in", timeout=10, allow_redirects=False,
                               data={"email": email, "password": PASSWORD, "csrf_token": token})
        if signed_in.status_code != 302:
            return None
        poll_url = f"{base_url}/polls/{self.poll_id}"
        token = csrf_token(voter, poll_url)
        number = next(self._numbers)
        yes_no, yes_no_options = self.prepared["yes_no"]
        ranked, candidates = self.prepared["ranked"]
        first, second = candidates[number % 3], candidates[(number + 1) % 3]
        response = voter.post(f"{poll_url}/vote", timeout=10, allow_redirects=False, data={
            "csrf_token": token, f"q-{yes_no}": yes_no_options[number % 2],
            f"q-{ranked}-{first}": "1", f"q-{ranked}-{second}": "2"})
        if response.status_code == 302 and response.headers["Location"].endswith("/receipt"):
            return email
        return None

    def missing(self, engine, keys: set[str]) -> set[str]:
        with Session(engine) as session:
            voted = set(session.scalars(
                select(User.email).join(PollParticipation, PollParticipation.user_id == User.id)
                .where(PollParticipation.poll_id == self.poll_id, User.email.in_(keys))))
        return keys - voted

    def check(self, engine, env: dict) -> list[str]:
        """Every participation has its ballot and every ballot its participation (one write)."""
        with Session(engine) as session:
            ballots = session.scalar(select(func.count()).select_from(Ballot)
                                     .where(Ballot.poll_id == self.poll_id))
            voters = session.scalar(select(func.count()).select_from(PollParticipation)
                                    .where(PollParticipation.poll_id == self.poll_id))
        if ballots != voters:
            return [f"poll {self.poll_id}: {ballots} ballots but {voters} members marked as voted"]
        return []


if __name__ == "__main__":
    print(json.dumps(prepare(int(sys.argv[1]))))
