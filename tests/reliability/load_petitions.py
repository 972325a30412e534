"""The petitions load of the crash test: visitors sign a petition and confirm by the mailed
link, over HTTP; afterwards the reconcile job runs and the counters must equal the rows."""

import re
import threading
import uuid
from datetime import timedelta

import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.outbox import OutboxMail
from models.petitions import Petition, Signature, SignatureCount, SignatureStatus
from tests.reliability.servers import csrf_token, flask

_LINK = re.compile(r"https?://[^/\s]+(/petitions/confirm/\S+)")


class PetitionLoad:
    """Each attempt signs (success: "check your email") and confirms with the mailed link
    (success: back to the petition). Keys are the emails whose confirmation got a success
    answer; the emails whose signing got one are kept too, and checked in `check`."""

    name = "petition confirmations"

    def setup(self, env: dict) -> None:
        self.run = uuid.uuid4().hex[:8]
        self.engine = create_engine(env["DATABASE_URL"])
        with Session(self.engine) as session:
            now = utcnow()
            # Every load signer comes from 127.0.0.1: lift the per-IP hold so all count.
            petition = Petition(action="Crash test: keep every signature", stored_state="open",
                                opens_at=now - timedelta(minutes=1),
                                closes_at=now + timedelta(days=30),
                                rate_short_max=1_000_000, rate_long_max=1_000_000)
            session.add(petition)
            session.commit()
            self.petition_id = petition.id
        self.signed: set[str] = set()
        self._lock = threading.Lock()

    def attempt(self, browser: requests.Session, base_url: str, n: int) -> str | None:
        email = f"signer-{self.run}-{n}@example.org"
        page = f"{base_url}/petitions/{self.petition_id}"
        token = csrf_token(browser, page)
        signed = browser.post(page, timeout=10, allow_redirects=False, data={
            "csrf_token": token, "name": f"Signer {n}", "email": email,
            "postcode": "SW1A 1AA", "country": "", "consents": "y"})
        if signed.status_code != 302 or "check-your-email" not in signed.headers["Location"]:
            return None
        with self._lock:
            self.signed.add(email)
        link = self._link(email)
        token = csrf_token(browser, f"{base_url}{link}")
        confirmed = browser.post(f"{base_url}{link}", timeout=10, allow_redirects=False,
                                 data={"csrf_token": token})
        if confirmed.status_code == 302 and \
                confirmed.headers["Location"].endswith(f"/petitions/{self.petition_id}"):
            return email
        return None

    def _link(self, email: str) -> str:
        with Session(self.engine) as session:
            body = session.scalars(select(OutboxMail.text_body)
                                   .where(OutboxMail.to_address == email)).first()
        match = _LINK.search(body or "")
        assert match, f"no confirmation link mailed to {email}"
        return match.group(1)

    def _statuses(self, emails: set[str]) -> dict[str, str]:
        with Session(self.engine) as session:
            return dict(session.execute(select(Signature.email, Signature.status).where(
                Signature.petition_id == self.petition_id, Signature.email.in_(emails))).all())

    def missing(self, engine, keys: set[str]) -> set[str]:
        statuses = self._statuses(keys)
        return {email for email in keys if statuses.get(email) != SignatureStatus.CONFIRMED}

    def check(self, engine, env: dict) -> list[str]:
        """Signed answers have their rows; after the reconcile job the counters equal the
        confirmed signatures (counted with COUNT(*) here, not through the service)."""
        problems = [f"signed but no signature row: {email}"
                    for email in sorted(self.signed - set(self._statuses(self.signed)))]
        flask("jobs", "run", "--only", "petitions.reconcile-counters", env=env)
        with Session(engine) as session:
            counters = session.scalar(select(func.coalesce(func.sum(SignatureCount.count), 0))
                                      .where(SignatureCount.petition_id == self.petition_id))
            rows = session.scalar(select(func.count()).select_from(Signature).where(
                Signature.petition_id == self.petition_id,
                Signature.status == SignatureStatus.CONFIRMED, Signature.suspicious.is_(False)))
        if counters != rows:
            problems.append(f"petition {self.petition_id}: counters say {counters}, "
                            f"{rows} confirmed signatures after reconciliation")
        self.engine.dispose()
        return problems
