"""Benchmark: does registering tell, by its timing, which addresses have an account?

Run from the repository root::

    .venv/bin/python bench/registration_timing.py [--rounds 15]

It posts the registration form through the Flask test client, with the production
Argon2 cost (config.py's defaults), on a fresh SQLite file: in each round once with an
address that has an account and once with a new one, in turn, so the machine's load
falls on both alike. It prints each path's range and median, and whether the ranges
overlap and the medians are within 15 % of each other (the target). Before the fix the
existing address answered in 16-134 ms and a new one in 352-1,991 ms. It always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itsdangerous import URLSafeTimedSerializer  # noqa: E402

TAKEN = "taken.person@example.org"
PASSWORD = "kettle orbit lantern"


def _post(app, client, email: str) -> float:
    with client.session_transaction() as session:
        session["csrf_token"] = "bench-token"
    token = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(
        "bench-token")
    started = time.perf_counter()
    response = client.post("/account/register", data={
        "name": "Bench Person", "email": email, "password": PASSWORD,
        "confirm_password": PASSWORD, "csrf_token": token})
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and b"Check your email" in response.data, response.data
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds

    from flask_migrate import upgrade

    from app import create_app

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "SECRET_KEY": "bench-secret-key-long-enough-for-the-platform",
                          "WTF_CSRF_SSL_STRICT": False, "MAIL_DELIVER_TO_LOG": False})
        with app.app_context():
            upgrade()
        client = app.test_client()
        _post(app, client, TAKEN)  # the account, and a first (cold) run of each path
        _post(app, client, "warm.up@example.org")
        taken, new = [], []
        for n in range(rounds):
            taken.append(_post(app, client, TAKEN))
            new.append(_post(app, client, f"new.person.{n}@example.org"))

    print(f"registering, {rounds} rounds, Argon2 time cost {app.config['ARGON2_TIME_COST']}, "
          f"memory {app.config['ARGON2_MEMORY_COST']} KiB")
    for label, times in (("address with an account", taken), ("new address", new)):
        print(f"  {label:<26} {min(times) * 1000:7.0f} - {max(times) * 1000:7.0f} ms, "
              f"median {statistics.median(times) * 1000:7.0f} ms")
    overlap = min(max(taken), max(new)) >= max(min(taken), min(new))
    medians = statistics.median(taken) / statistics.median(new)
    verdict = "PASS" if overlap and 0.85 <= medians <= 1.15 else "FAIL"
    print(f"  ranges overlap: {'yes' if overlap else 'no'}; medians' ratio {medians:.2f} "
          f"(target: overlap, ratio 0.85-1.15)  {verdict}")


if __name__ == "__main__":
    main()
