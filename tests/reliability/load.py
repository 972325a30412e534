"""Write loads for the crash test, and checks to run after the restart.

A load is an object with:
  name                              for messages
  attempt(browser, base_url, n)     one write through the real forms, as a browser would;
                                    returns a key (e.g. the email used) when the server
                                    answered success, None otherwise (errors may raise)
  missing(engine, keys)             the keys with no row in the database
and optionally:
  setup(env)                        before the server starts: make what the load needs in
                                    the test's schema (env["DATABASE_URL"])
  check(engine, env)                a reconciliation of its own (see below)
Add a load to LOADS and the crash test drives it too.

A reconciliation is a function (engine, env) -> list of problems (empty when all is
well), run after the restart: e.g. run the counter-settling job with
`servers.flask("jobs", "run", "--only", "petitions.settle-counters", env=env)` and compare
each petition's counter with COUNT(*) of its confirmed signatures.
"""

import uuid

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from tests.reliability.load_ballots import BallotLoad
from tests.reliability.load_petitions import PetitionLoad
from tests.reliability.servers import csrf_token

PASSWORD = "correct horse battery"


class RegistrationLoad:
    """Register accounts through /account/register; success is the "Check your email" page."""

    name = "registrations"

    def __init__(self):
        self.run = uuid.uuid4().hex[:8]

    def attempt(self, browser: requests.Session, base_url: str, n: int) -> str | None:
        email = f"crash-{self.run}-{n}@example.org"
        token = csrf_token(browser, f"{base_url}/account/register")
        response = browser.post(f"{base_url}/account/register", timeout=10, allow_redirects=False, data={
            "name": f"Crash Test {n}", "email": email, "password": PASSWORD,
            "confirm_password": PASSWORD, "csrf_token": token})
        if response.status_code == 200 and "Check your email" in response.text:
            return email
        return None

    def missing(self, engine, keys: set[str]) -> set[str]:
        with Session(engine) as session:
            found = set(session.scalars(select(User.email).where(User.email.in_(keys))))
        return keys - found


LOADS = [RegistrationLoad, BallotLoad, PetitionLoad]
RECONCILIATIONS: list = []
