import io

import pytest
from sqlalchemy import select

from extensions import db
from models.audit import AuditEntry
from models.membership import Membership
from tests.factories import create_admin, create_member, create_staff, create_user
from tests.helpers import page_text

STAFF_PAGES = ["membership.members", "membership.dashboard", "membership.import_members",
               "membership.export_members", "membership.categories"]


@pytest.mark.parametrize("endpoint", STAFF_PAGES)
def test_staff_pages_are_for_staff_only(client_as, endpoint):
    assert client_as(None).get(endpoint, _expected=302)
    client_as(create_user()).get(endpoint, _expected=403)
    client_as(create_staff()).get(endpoint)
    client_as(create_admin()).get(endpoint)


def test_member_detail_and_actions_are_for_staff_only(client_as, db_session):
    user = create_member()
    mid = db_session.scalar(select(Membership.id).where(Membership.user_id == user.id))
    for endpoint in ("membership.member", "membership.record_member_payment",
                     "membership.change_status"):
        client_as(user).get(endpoint, membership_id=mid, _expected=403)
        client_as(None).get(endpoint, membership_id=mid, _expected=302)
        client_as(create_staff()).get(endpoint, membership_id=mid)


def test_categories_are_edited_by_admins_only(client_as):
    client_as(create_staff()).get("membership.new_category", _expected=403)
    client_as(create_admin()).post("membership.new_category", _data={
        "code": "honorary", "name": "Honorary", "annual_fee": "0", "period_kind": "rolling",
        "open_to_new_members": ""})
    page = page_text(client_as(create_staff()).get("membership.categories"))
    assert "Honorary" in page and "Closed" in page


def test_members_list_filters_by_status_and_searches_by_name(client_as):
    create_member(name="Alice Active", status="active")
    create_member(name="Larry Lapsed", status="lapsed")
    staff = client_as(create_staff())
    page = page_text(staff.client.get("/staff/members?status=lapsed"))
    assert "Larry Lapsed" in page and "Alice Active" not in page
    page = page_text(staff.client.get("/staff/members?q=alice"))
    assert "Alice Active" in page and "Larry Lapsed" not in page


def test_staff_find_a_member_by_an_address_kept_as_typed_in_capitals(client_as):
    member = create_member(name="Pat Mixed", status="active")
    member.email = "Pat.Mixed@Example.org"  # kept as typed (rules.emails)
    db.session.commit()
    page = page_text(client_as(create_staff()).client.get("/staff/members?q=pat.mixed@example"))
    assert "Pat Mixed" in page
    people = page_text(client_as(create_admin()).client.get("/staff/people?q=PAT.MIXED"))
    assert "Pat.Mixed@Example.org" in people


def test_status_change_needs_a_reason_and_is_audited(client_as, db_session):
    user = create_member(status="active")
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    staff = client_as(create_staff())
    response = staff.post("membership.change_status", membership_id=membership.id,
                          _data={"status": "lapsed", "reason": ""}, _expected=200)
    assert "Give a reason" in page_text(response)
    staff.post("membership.change_status", membership_id=membership.id,
               _data={"status": "lapsed", "reason": "Asked by phone"})
    assert membership.status == "lapsed"
    entry = db_session.scalar(select(AuditEntry).where(
        AuditEntry.action == "membership.status_changed"))
    assert entry.detail["reason"] == "Asked by phone"


def test_export_escapes_a_formula_in_a_name(client_as):
    create_member(name="=HYPERLINK(\"http://evil\")", status="active")
    body = client_as(create_staff()).get("membership.export_members").get_data(as_text=True)
    assert "'=HYPERLINK" in body


IMPORT_HEADER = ("email,name,category,status,joined_on,period_end,region,sector,role,regulator,"
                 "registration_number,consent_to_contact\n")


def post_csv(helper, text, expected):
    return helper.client.post(helper.url("membership.import_members"), data={
        "csrf_token": __import__("tests.helpers", fromlist=["x"]).csrf_token_for(helper.app),
        "file": (io.BytesIO(text.encode()), "members.csv")},
        content_type="multipart/form-data")


def test_import_with_one_bad_row_imports_nothing_and_reports_the_row(client_as, db_session):
    create_member(status="active")  # makes the qualified category
    staff = client_as(create_staff())
    good = "new1@example.org,New One,qualified,active,2026-01-05,2099-01-05,london,adults," \
           "practitioner,swe,SW123,yes\n"
    bad = "new2@example.org,New Two,qualified,active,2026-01-05,2099-01-05,london,adults," \
          "practitioner,swe,SW0123,yes\n"
    response = post_csv(staff, IMPORT_HEADER + good + bad, 400)
    assert response.status_code == 400
    assert "Line 3" in page_text(response) and "Social Work England" in page_text(response)
    assert db_session.scalar(select(Membership).join(Membership.user).where(
        Membership.user.has(email="new1@example.org"))) is None
    response = post_csv(staff, IMPORT_HEADER + good, 200)
    assert response.status_code == 200 and "Imported 1 member" in page_text(response)
    assert db_session.scalar(select(Membership).where(
        Membership.user.has(email="new1@example.org"))).status == "active"


def test_dashboard_draws_svg_charts(client_as):
    create_member(status="active")
    body = client_as(create_staff()).get("membership.dashboard").get_data(as_text=True)
    assert "<svg" in body and "Members by status" in body
