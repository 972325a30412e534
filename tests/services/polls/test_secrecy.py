"""The schema keeps who voted apart from what was voted, and a ballot knows only the day."""

from sqlalchemy import DateTime, inspect

from extensions import db
from models import Base

BALLOT_TABLES = ("ballots", "ballot_answers")
PERSON_TABLES = {"users", "memberships", "poll_eligibility", "poll_participations",
                 "poll_public_participations"}
PERSON_WORDS = ("user", "member", "voter", "email", "person", "account")


def test_no_column_index_or_foreign_key_joins_a_ballot_to_a_member(app, db_session):
    inspector = inspect(db.engine)
    for table in BALLOT_TABLES:
        columns = [c["name"] for c in inspector.get_columns(table)]
        assert not [c for c in columns if any(word in c for word in PERSON_WORDS)], table
        for fk in inspector.get_foreign_keys(table):
            assert fk["referred_table"] not in PERSON_TABLES, (table, fk)
        for index in inspector.get_indexes(table):
            assert not any(word in col for col in index["column_names"] if col
                           for word in PERSON_WORDS), (table, index)
        for fk in Base.metadata.tables[table].foreign_keys:
            assert fk.column.table.name not in PERSON_TABLES, (table, fk)
    # Nor does any table point from a person to a ballot.
    for name, table in Base.metadata.tables.items():
        for fk in table.foreign_keys:
            if fk.column.table.name in BALLOT_TABLES:
                assert name in BALLOT_TABLES, (name, fk)


def test_a_ballot_has_no_time_finer_than_the_day(app, db_session):
    for table in (*BALLOT_TABLES, "poll_participations", "poll_public_participations"):
        for column in Base.metadata.tables[table].columns:
            assert not isinstance(column.type, DateTime), (table, column.name)
            assert not isinstance(getattr(column.type, "impl", None), DateTime), (table, column.name)
        for column in inspect(db.engine).get_columns(table):
            assert "TIME" not in str(column["type"]).upper(), (table, column)


def test_ballots_and_answers_have_no_sequential_key(app, db_session):
    ballots = Base.metadata.tables["ballots"]
    assert [c.name for c in ballots.primary_key] == ["id"]
    assert str(ballots.c.id.type).startswith("VARCHAR")
    answers = Base.metadata.tables["ballot_answers"]
    assert {c.name for c in answers.primary_key} == {"ballot_id", "question_id", "position"}
