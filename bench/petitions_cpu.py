"""CPU per request of the petition hot paths, in-process against PostgreSQL (no server).

Run from the repository root (it empties the database ``bench_petitions``)::

    .venv/bin/python bench/petitions_cpu.py            # --requests 200 each
    .venv/bin/python bench/petitions_cpu.py --profile sign   # cProfile (CPU clock) of one path

It signs, confirms and reads one petition with Flask's test client, one request
at a time, then posts to the bare insert endpoint (bench/bare_insert.py) the
same way, and prints the CPU time per request (the lower quartile of 20-request
chunks, which a busy machine disturbs least) and the number of Python function
calls per request (deterministic, so comparable across machines and loads).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHUNK = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin-url", default=os.environ.get(
        "BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--database", default="bench_petitions")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", choices=["sign", "confirm", "page", "bare"])
    args = parser.parse_args()

    import petitions as bench

    url = bench.prepare_database(args.admin_url, args.database)
    petition_id = bench.create_petition(url)
    os.environ.update(bench.server_env(url))

    from app import create_app
    from services.petitions.signing import confirmation_url

    app = create_app()
    client = app.test_client()
    page = f"/petitions/{petition_id}"
    browser = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}

    def sign(n: int) -> None:
        response = client.post(page, headers={**browser,
                                              "X-Forwarded-For": f"10.0.{n // 250 % 250}.{n % 250}"},
                               data={"name": f"Signer {n}",
                                     "email": f"signer{n}@example.org", "postcode": "EH1 1YZ",
                                     "country": ""})
        assert response.status_code == 303, response.status_code  # nosec B101 (bench check)

    def confirm(path: str) -> None:
        response = client.post(path, headers=browser)
        assert response.status_code == 303, response.status_code  # nosec B101 (bench check)

    def read(_n: int) -> None:
        assert client.get(page).status_code == 200  # nosec B101 (bench check)

    def measure(name: str, request, items: list) -> None:
        """Warm up on the first chunk, time the middle, count calls over the last chunk."""
        warm, timed, counted = items[:CHUNK], items[CHUNK:-CHUNK], items[-CHUNK:]
        for item in warm:
            request(item)
        chunks = []
        for start in range(0, len(timed), CHUNK):
            part = timed[start:start + CHUNK]
            begun = time.process_time()
            for item in part:
                request(item)
            chunks.append((time.process_time() - begun) / len(part))
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for item in counted:
            request(item)
        profiler.disable()
        stats = pstats.Stats(profiler)
        cpu = sorted(chunks)[len(chunks) // 4] * 1000
        print(f"{name:8} {cpu:6.2f} ms CPU per request, "
              f"{stats.total_calls / len(counted):,.0f} function calls per request")
        if args.profile == name:
            stats.sort_stats("cumulative").print_stats(60)

    total = args.requests + 2 * CHUNK
    measure("sign", sign, list(range(total)))
    with bench.psycopg.connect(url) as connection:
        signed = [row[0] for row in connection.execute(
            "SELECT id FROM signatures WHERE status = 'pending' ORDER BY id").fetchall()]
    with app.app_context():  # the links the mail carries, made before the clock starts
        links = ["/" + confirmation_url(i).split("://", 1)[1].split("/", 1)[1] for i in signed]
    measure("confirm", confirm, links)
    measure("page", read, list(range(total)))

    # The bench's baseline, measured the same way in the same run.
    os.environ["DATABASE_URL"] = url
    import bare_insert

    bare_insert.create_table()
    bare = bare_insert.app.test_client()

    def insert(n: int) -> None:
        response = bare.post("/insert", data={"name": "Bench Signer", "email": f"c{n}@example.org"})
        assert response.status_code == 204  # nosec B101 (bench check)

    measure("bare", insert, list(range(total)))


if __name__ == "__main__":
    main()
