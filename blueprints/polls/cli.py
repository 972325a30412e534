"""Poll commands: open and close polls on schedule, and count an election from a BLT file."""

import json
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from extensions import db
from rules.elections import BLTError, Election, count, parse
from services.polls.running import open_and_close_due

polls_cli = AppGroup("polls", help="Polls and elections.")


@polls_cli.command("open-close-due")
def open_close_due() -> None:
    """Open scheduled polls whose time has come and close expired ones (run it from cron)."""
    opened, closed = open_and_close_due(db.session)
    db.session.commit()
    click.echo(f"opened {opened}, closed {closed}")


@polls_cli.command("count")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seats", type=click.IntRange(min=1), default=None,
              help="Seats to fill; overrides the number in the file's header.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (elected, stages).")
def count_blt(file: Path, seats: int | None, as_json: bool) -> None:
    """Count a BLT ballot file: instant runoff for one seat, Scottish STV for more."""
    try:
        election = parse(file.read_text(encoding="utf-8-sig"))
        if seats is not None:
            election = Election(election.candidates, seats, election.ballots, election.withdrawn,
                                election.title)
    except (BLTError, ValueError, UnicodeDecodeError) as error:
        raise click.ClickException(str(error)) from error
    result = count(election)
    record = result.to_dict(election)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    names = election.candidates
    click.echo(f"{election.title or file.name}: {election.seats} seat(s), {result.rule}, "
               f"{result.valid_votes} valid papers" +
               (f", quota {result.quota}" if result.quota is not None else ""))
    for stage in result.stages:
        click.echo(f"Stage {stage.number}: {stage.action}" + (f" ({stage.note})" if stage.note else ""))
        for i, votes in enumerate(stage.votes):
            if i not in election.withdrawn:
                click.echo(f"  {names[i]:<40} {votes}")
        click.echo(f"  {'Non-transferable':<40} {stage.exhausted}")
    click.echo("Elected: " + ", ".join(result.elected_names(election)))


def init_app(app: Flask) -> None:
    app.cli.add_command(polls_cli)
