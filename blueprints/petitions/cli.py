"""The jobs cron runs: `flask --app app petitions close|thresholds|mail-responses|purge-pending|
anonymise|reconcile`, and `petitions duplicates` (a report)."""

import click
from flask import Flask
from flask.cli import AppGroup

from blueprints.petitions import jobs
from extensions import db
from services.petitions import abuse, counting, responses, retention

petitions_cli = AppGroup("petitions", help="Petition jobs (run by cron).")


@petitions_cli.command("close")
def close() -> None:
    """Close every open petition whose closing date has come (run every few minutes)."""
    closed = retention.close_due(db.session)
    db.session.commit()
    click.echo(f"closed {len(closed)} petition(s)")


@petitions_cli.command("thresholds")
def thresholds() -> None:
    """Tell staff, once, about each threshold a petition's count has passed (every minute)."""
    announced = responses.notice_all(db.session)
    db.session.commit()
    click.echo(f"{announced} threshold(s) newly passed")


@petitions_cli.command("mail-responses")
@click.option("--batch", default=500, show_default=True, help="Mails queued per transaction.")
def mail_responses(batch: int) -> None:
    """Email each published response to consenting signers not yet mailed (safe to rerun)."""
    click.echo(jobs.send_responses(db.session, batch=batch))


@petitions_cli.command("purge-pending")
def purge_pending() -> None:
    """Delete signatures not confirmed within 30 days (daily)."""
    removed = retention.purge_pending(db.session)
    db.session.commit()
    click.echo(f"deleted {removed} unconfirmed signature(s)")


@petitions_cli.command("anonymise")
def anonymise() -> None:
    """Anonymise signers of petitions closed six months ago, unless exempt (daily)."""
    done = retention.anonymise(db.session)
    db.session.commit()
    click.echo(f"anonymised the signers of {len(done)} petition(s)")


@petitions_cli.command("reconcile")
@click.option("--dry-run", is_flag=True, help="Report drift without fixing it.")
@click.option("--petition", "petition_id", type=int, help="Only this petition.")
def reconcile(dry_run: bool, petition_id: int | None) -> None:
    """Recompute the counters from the signatures; report drift and (unless --dry-run) fix it."""
    report = counting.reconcile(db.session, petition_id=petition_id, fix=not dry_run)
    db.session.commit()
    if report.clean:
        click.echo("counters match the signatures: no drift")
        return
    for pid, drift in sorted(report.petitions.items()):
        what = f"counters {'over' if drift > 0 else 'under'} by {abs(drift)}" if drift else \
            "totals right, days wrong"
        click.echo(f"petition {pid}: {what}{'' if dry_run else ' (fixed)'}")
    if not dry_run:
        click.echo(f"{report.rows_fixed} counter row(s) corrected")


@petitions_cli.command("duplicates")
def duplicates() -> None:
    """List the signatures marked as sharing an earlier one's canonical address (migration
    0009); staff invalidate them with "Marked as duplicates only" on the signatures page."""
    marked = abuse.marked_duplicates(db.session)
    for petition_id, signature_id, status, counted in marked:
        click.echo(f"petition {petition_id}: signature {signature_id} ({status}, "
                   f"{'counted' if counted else 'not counted'})")
    click.echo(f"{len(marked)} marked signature(s)")


def init_app(app: Flask) -> None:
    app.cli.add_command(petitions_cli)
