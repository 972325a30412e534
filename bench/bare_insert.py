"""The baseline for bench/petitions.py: a bare Flask endpoint that inserts one row.

Served by gunicorn exactly like the platform (same workers, threads and
database), so the ratio printed by the bench is the cost of everything a
signature does beyond one insert. DATABASE_URL must be set.
"""

import os

from flask import Flask, request
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, func

metadata = MetaData()
rows = Table("bench_rows", metadata,
             Column("id", Integer, primary_key=True),
             Column("name", String(100), nullable=False),
             Column("email", String(254), nullable=False),
             Column("created_at", DateTime, server_default=func.now(), nullable=False))

# SQLAlchemy's defaults: a transaction per request (BEGIN, INSERT, COMMIT), no pings.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
app = Flask(__name__)


@app.post("/insert")
def insert_row():
    with engine.begin() as connection:
        connection.execute(rows.insert().values(name=request.form.get("name", ""),
                                                email=request.form.get("email", "")))
    return "", 204


def create_table() -> None:
    metadata.drop_all(engine)
    metadata.create_all(engine)
