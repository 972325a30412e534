"""Benchmark of poll tallying and election counting; prints figures against targets.

Run from the repository root::

    .venv/bin/python bench/polls.py

It measures (a) tallying 1,000,000 generated ballots of a five-question poll,
(b) a Scottish STV count of 100,000 generated ballots (12 candidates, 5
seats), from BLT text, and (c) each of the 21 Glasgow 2007 ward files, from
BLT text. Ballots are generated with a fixed seed, so every run counts the
same ballots; generating them is not timed. It always exits 0: it reports,
it does not judge the build.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.polls.tally import QuestionSpec, tally  # noqa: E402

SEED = 20070503  # the day of the 2007 Scottish council elections
GLASGOW = ROOT / "tests" / "rules" / "elections" / "vectors" / "glasgow-2007"


def _report(label: str, seconds: float, target: float, note: str = "") -> None:
    """Print one figure with its target and verdict."""
    verdict = "PASS" if seconds < target else "FAIL"
    extra = f"  ({note})" if note else ""
    print(f"  {label:<52} {seconds:8.3f} s  target < {target:g} s  {verdict}{extra}")


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    """Run work once; return the seconds it took and its result."""
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _poll_ballots(rng: random.Random, number: int) -> tuple[list[QuestionSpec], list[dict]]:
    """Five questions and `number` ballots, some skipping questions."""
    questions = [
        QuestionSpec(1, "single", (1, 2, 3, 4)),
        QuestionSpec(2, "multiple", (5, 6, 7, 8, 9), max_choices=3),
        QuestionSpec(3, "yes_no", (10, 11)),
        QuestionSpec(4, "scale", (12, 13, 14, 15, 16)),
        QuestionSpec(5, "ranked", (17, 18, 19, 20, 21)),
    ]
    ticks = [c for size in range(4) for c in itertools.combinations((5, 6, 7, 8, 9), size)]
    rankings = [
        p for size in range(1, 6) for p in itertools.permutations((17, 18, 19, 20, 21), size)
    ]
    columns = (
        rng.choices([1, 2, 3, 4, None], weights=[40, 30, 20, 8, 2], k=number),
        rng.choices(ticks, k=number),  # includes () for nothing ticked
        rng.choices([10, 11, None], weights=[60, 37, 3], k=number),
        rng.choices([12, 13, 14, 15, 16], weights=[5, 10, 20, 35, 30], k=number),
        rng.choices(rankings + [None], k=number),
    )
    ballots = [
        {qid: answer for qid, answer in enumerate(row, start=1) if answer is not None}
        for row in zip(*columns, strict=True)
    ]
    return questions, ballots


def bench_tally(rng: random.Random) -> None:
    """(a) Tally a million five-question ballots."""
    questions, ballots = _poll_ballots(rng, 1_000_000)
    seconds, results = _timed(lambda: tally(questions, ballots))
    bases = ", ".join(str(result.base) for result in results.values())
    _report("(a) tally 1,000,000 ballots x 5 questions", seconds, 5, f"bases {bases}")


def _stv_blt(rng: random.Random, voters: int) -> str:
    """BLT text of `voters` single ballots: 12 candidates of four parties, 5 seats."""
    parties = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (9, 10, 11)]
    lines = ["12 5"]
    for party in rng.choices(parties, weights=[38, 30, 20, 12], k=voters):
        own = rng.sample(party, len(party))
        others = rng.sample([c for c in range(12) if c not in party], 9)
        ranking = (own + others)[: rng.choice([1, 2, 3, 3, 4, 5, 6, 12])]
        lines.append("1 " + " ".join(str(c + 1) for c in ranking) + " 0")
    lines.append("0")
    lines.extend(f'"Candidate {c + 1}"' for c in range(12))
    lines.append('"Generated STV benchmark"')
    return "\n".join(lines) + "\n"


def _plain(name: str) -> str:
    """A name with runs of spaces collapsed: the ward files pad some names."""
    return " ".join(name.split())


def bench_elections(rng: random.Random) -> None:
    """(b) and (c): Scottish STV counts, through the BLT reader."""
    try:
        from rules.elections.blt import parse
        from rules.elections.scottish_stv import count_scottish_stv
    except ImportError as error:
        print(f"  (b), (c) SKIPPED: rules.elections is not available ({error})")
        return
    text = _stv_blt(rng, 100_000)
    parse_seconds, election = _timed(lambda: parse(text))
    count_seconds, result = _timed(lambda: count_scottish_stv(election))
    _report(
        "(b) Scottish STV, 100,000 ballots, 12 cands, 5 seats",
        parse_seconds + count_seconds,
        10,
        f"parse {parse_seconds:.3f} s + count {count_seconds:.3f} s, "
        f"{len(result.stages)} stages, elected {list(result.elected)}",
    )
    files = sorted(GLASGOW.glob("*.blt"))
    if not files:
        print(f"  (c) SKIPPED: no BLT files in {GLASGOW}")
        return
    expected_path = GLASGOW / "expected.json"
    expected = json.loads(expected_path.read_text()) if expected_path.exists() else {}
    slowest = 0.0
    for path in files:
        ward_text = path.read_text(encoding="utf-8")

        def parse_and_count(ward_text: str = ward_text) -> tuple:
            ward = parse(ward_text)
            return ward, count_scottish_stv(ward)

        seconds, (ward, ward_result) = _timed(parse_and_count)
        slowest = max(slowest, seconds)
        names = sorted(_plain(ward.candidates[i]) for i in ward_result.elected)
        agrees = ""
        if path.name in expected:
            same = names == sorted(_plain(name) for name in expected[path.name]["elected"])
            agrees = ", elected as expected" if same else ", ELECTED DIFFERS FROM expected.json"
        papers = sum(weight for weight, _ in ward.ballots)
        _report(
            f"(c) {path.stem}",
            seconds,
            1,
            f"{papers} papers, {len(ward_result.stages)} stages{agrees}",
        )
    _report(f"(c) slowest of {len(files)} Glasgow wards", slowest, 1)


def main() -> int:
    """Print the machine and every figure; return 0 whatever they are."""
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    print(f"Seed: {SEED}; single runs, wall-clock time (time.perf_counter)")
    rng = random.Random(SEED)  # nosec B311: generated test data, not secrets
    bench_tally(rng)
    bench_elections(rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
