"""The job runner: each registered job runs once per period, whoever else is running."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from models.jobs import JobRun
from services import jobs

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def calls(app):
    seen: list[str] = []
    saved = dict(jobs._REGISTRY)
    jobs._REGISTRY.clear()
    jobs.register_job("test.hourly", lambda session: seen.append("hourly") or "did it", 3600)
    yield seen
    jobs._REGISTRY.clear()
    jobs._REGISTRY.update(saved)


def test_a_job_runs_once_in_its_period_however_often_the_runner_is_started(db_session, calls):
    first = jobs.run_due(db_session, now=NOON)
    second = jobs.run_due(db_session, now=NOON + timedelta(minutes=30))
    assert [o.status for o in first] == ["ran"] and first[0].detail == "did it"
    assert [o.status for o in second] == ["skipped"]
    assert calls == ["hourly"]


def test_a_job_runs_again_in_the_next_period(db_session, calls):
    jobs.run_due(db_session, now=NOON)
    jobs.run_due(db_session, now=NOON + timedelta(hours=1))
    assert calls == ["hourly", "hourly"]


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(db_session, calls):
    def broken(session):
        raise RuntimeError("the printer is on fire")

    jobs.register_job("test.broken", broken, 3600)
    outcomes = {o.job: o for o in jobs.run_due(db_session, now=NOON)}
    assert outcomes["test.broken"].status == "failed"
    assert "printer is on fire" in outcomes["test.broken"].detail
    assert outcomes["test.hourly"].status == "ran"
    run = db_session.scalars(select(JobRun).where(JobRun.job == "test.broken")).one()
    assert run.status == "failed" and run.finished_at is not None


def test_a_period_claimed_by_another_instance_is_skipped(db_session, calls):
    job = jobs._REGISTRY["test.hourly"]
    db_session.add(JobRun(job=job.name, period=job.period(NOON), host="other-machine:1"))
    db_session.commit()
    assert [o.status for o in jobs.run_due(db_session, now=NOON)] == ["skipped"]
    assert calls == []


def test_old_job_runs_are_pruned(db_session, calls):
    jobs.run_due(db_session, now=NOON - timedelta(days=40))
    jobs.run_due(db_session, now=NOON)
    assert jobs.delete_runs_before(db_session, NOON - timedelta(days=30)) == 1


def test_the_runner_command_lists_and_runs_the_foundation_jobs(runner):
    listing = runner.invoke(args=["jobs", "list"])
    assert "jobs.prune" in listing.output and "outbox.prune-sent" in listing.output
    result = runner.invoke(args=["jobs", "run", "--only", "jobs.prune"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(("ran jobs.prune", "skipped jobs.prune"))


def test_the_runner_refuses_an_unknown_job_name(runner):
    result = runner.invoke(args=["jobs", "run", "--only", "no.such.job"])
    assert result.exit_code != 0 and "no such job: no.such.job" in result.output
