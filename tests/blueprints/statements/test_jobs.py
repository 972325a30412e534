"""Scheduled statements are published by the job runner."""

from datetime import timedelta

from extensions import db
from models.base import utcnow
from models.statements import Statement
from tests.factories.statements import create_statement


def test_the_job_runner_publishes_approved_statements_when_their_time_comes(runner):
    assert "statements.publish-due\tevery 60 s" in runner.invoke(args=["jobs", "list"]).output
    statement = create_statement(state="approved")
    statement.publish_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    statement_id, slug = statement.id, statement.slug
    result = runner.invoke(args=["jobs", "run", "--only", "statements.publish-due"])
    assert f"ran statements.publish-due: 1 statement(s) published: {slug}" in result.output
    statement = db.session.get(Statement, statement_id)  # the runner ends its session
    assert statement.state == "published"
