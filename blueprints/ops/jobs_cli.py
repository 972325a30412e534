"""`flask --app app jobs run [--loop]` and `jobs list`: the scheduled job runner."""

import signal
import threading

import click
from flask.cli import AppGroup

from extensions import db
from services import jobs as job_service
from services import metrics

jobs = AppGroup("jobs", help="Scheduled jobs, each run once per period across every instance.")


def _report(outcomes, *, quiet_skips: bool) -> None:
    for outcome in outcomes:
        metrics.JOB_RUNS.labels(outcome.job, outcome.status).inc()
        if outcome.status == "skipped" and quiet_skips:
            continue
        detail = f": {outcome.detail}" if outcome.detail else ""
        click.echo(f"{outcome.status} {outcome.job}{detail}")


@jobs.command("run")
@click.option("--loop", is_flag=True, help="Keep running due jobs until stopped (SIGTERM or Ctrl-C).")
@click.option("--interval", default=30.0, show_default=True, help="Seconds between rounds with --loop.")
@click.option("--only", multiple=True, help="Run only this job (may be given more than once).")
def run(loop: bool, interval: float, only: tuple[str, ...]) -> None:
    """Run every job that has not yet run in its current period, on any instance."""
    names = {job.name for job in job_service.registered_jobs()}
    unknown = set(only) - names
    if unknown:
        raise click.ClickException(f"no such job: {', '.join(sorted(unknown))}")
    stop = threading.Event()
    if loop:
        # Finish the job in hand, then stop: a killed job would leave its period half done.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        click.echo(f"job runner started: {len(names)} jobs, a round every {interval:g} s")
    while True:
        _report(job_service.run_due(db.session, only=set(only) or None), quiet_skips=loop)
        db.session.remove()
        if not loop or stop.wait(interval):
            return


@jobs.command("list")
def list_jobs() -> None:
    """Show the registered jobs and how often each runs."""
    for job in job_service.registered_jobs():
        click.echo(f"{job.name}\tevery {job.every_seconds} s")
