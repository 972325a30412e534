"""What checking a pooled PostgreSQL connection before use costs, three ways.

A request takes a connection from SQLAlchemy's pool at least once. After a database
restart, failover or pg_terminate_backend, every pooled connection is dead, and one
handed out unchecked costs a visitor an error page. This times a checkout and a
``SELECT 1`` (about what the lightest request does with the database) with:

1. no check (the cost floor; dead connections reach requests);
2. the platform's check (app.py ``_ping_idle_connections``): a zero-timeout poll of
   the socket, and a ping only when the server has written to or closed it, or the
   connection sat idle over 10 s;
3. SQLAlchemy's ``pool_pre_ping``: a ping (a round trip) on every checkout.

The three take turns over several rounds (the machine's busy spells hit all alike) and
the medians are printed. Then it ends every pooled connection with pg_terminate_backend
and counts the errors the next checkouts meet under each. Run from the repository root (PostgreSQL on
loopback; BENCH_DATABASE_URL names any database, only SELECT 1 is run):

    .venv/bin/python bench/pool_checks.py
"""

import os
import sys
import time
from pathlib import Path
from statistics import median

import psycopg
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import _ping_idle_connections  # noqa: E402

URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MODES = ("none", "platform", "pool_pre_ping")
ROUNDS = 7
CHECKOUTS = 3_000  # per mode and round; the modes take turns, so a busy spell hits all
POOL = 5
# The platform's check should add little to the floor; a ping per checkout adds a round trip.
TARGET_OVERHEAD = 0.10


def engine_for(mode: str):
    engine = create_engine(URL, pool_size=POOL, pool_pre_ping=mode == "pool_pre_ping")
    if mode == "platform":
        _ping_idle_connections(engine)
    return engine


def per_checkout_us(engine, checkouts: int = CHECKOUTS) -> float:
    statement = text("SELECT 1")
    started = time.perf_counter()
    for _ in range(checkouts):
        with engine.connect() as connection:
            connection.execute(statement)
    return (time.perf_counter() - started) / checkouts * 1e6


def errors_after_termination(engine) -> int:
    """Fill the pool, end its backends from outside, and count failed checkouts after."""
    held = [engine.connect() for _ in range(POOL)]
    pids = [c.execute(text("SELECT pg_backend_pid()")).scalar_one() for c in held]
    for connection in held:
        connection.close()
    with psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(False),
                         autocommit=True) as other:
        for pid in pids:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.2)
    errors = 0
    for _ in range(POOL * 2):
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            errors += 1
    return errors


def main() -> None:
    engines = {mode: engine_for(mode) for mode in MODES}
    for engine in engines.values():
        per_checkout_us(engine, 300)  # warm up: connections made, statement cached
    timings = {mode: [] for mode in MODES}
    for round_number in range(ROUNDS):
        turn = MODES[round_number % 3:] + MODES[:round_number % 3]
        for mode in turn:
            timings[mode].append(per_checkout_us(engines[mode]))
    errors = {mode: errors_after_termination(engine) for mode, engine in engines.items()}
    for engine in engines.values():
        engine.dispose()
    print(f"checkout + SELECT 1 on {URL.rsplit('@', 1)[-1]}, pool of {POOL}: {ROUNDS} rounds of "
          f"{CHECKOUTS:,} per mode, the modes taking turns; medians")
    ratios = {mode: median(t / n for t, n in zip(timings[mode], timings["none"], strict=True))
              for mode in MODES}
    for mode in MODES:
        print(f"  {mode:14} {median(timings[mode]):7.1f} us per checkout "
              f"({ratios[mode] - 1:+.1%} on no check, median of the rounds' ratios); "
              f"errors after pg_terminate_backend of the whole pool: {errors[mode]}")
    overhead = ratios["platform"] - 1
    print(f"  target: the platform's check under {TARGET_OVERHEAD:.0%} over no check: "
          f"{'PASS' if overhead < TARGET_OVERHEAD else 'FAIL'} ({overhead:+.1%})")
    print(f"  target: no errors after the backends are ended: "
          f"{'PASS' if errors['platform'] == 0 else 'FAIL'}")


if __name__ == "__main__":
    main()
