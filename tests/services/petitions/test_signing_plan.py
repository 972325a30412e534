"""The per-IP window check stays an index lookup however a petition grows (PostgreSQL)."""

import re

import pytest
from sqlalchemy import text

from extensions import db
from services.petitions import surge
from tests.conftest import TEST_DATABASE_URL
from tests.factories.petitions import create_petition

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")

TYPES = {"petition_id": "int", "now": "timestamp", "consents": "bool"}


def test_the_window_check_reads_the_ip_index_even_in_a_plan_made_on_an_empty_table(db_session):
    """A generic plan made before the table had statistics (a new site, or the first
    seconds of a surge) once read every signature of the petition for each new one."""
    petition = create_petition()
    sql, order = surge._driver_sql(surge._SIGN)[:2]
    names = list(dict.fromkeys(order))
    parts = sql.decode().split("%s")
    sql = parts[0] + "".join(f"${names.index(name) + 1}{part}"
                             for name, part in zip(order, parts[1:], strict=True))
    sql = sql.replace("%%", "%")
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
    connection.exec_driver_sql(
        f"PREPARE sign_plan ({', '.join(TYPES.get(n, 'varchar') for n in names)}) AS {sql}")
    values = {"petition_id": str(petition.id), "now": "now()::timestamp", "consents": "false"}
    plan = "\n".join(row[0] for row in connection.execute(text(
        f"EXPLAIN EXECUTE sign_plan ({', '.join(values.get(n, repr('x')) for n in names)})")))
    connection.exec_driver_sql("DEALLOCATE sign_plan")
    window_scans = re.findall(r"Scan(?: Backward)? using (\w+) on signatures earlier", plan)
    assert window_scans == ["ix_signatures_petition_id_ip_address_created_at"] * 2, plan
