from sqlalchemy import select

from extensions import db
from models.audit import AuditEntry
from tests.factories import create_admin, create_staff, create_user
from tests.helpers import page_text


def test_a_visitor_opening_a_staff_page_is_sent_to_sign_in(visitor):
    response = visitor.get("staff.home", _expected=302)
    assert "/account/sign-in" in response.headers["Location"]


def test_a_member_opening_a_staff_page_is_refused(client_as):
    response = client_as(create_user()).get("staff.home", _expected=403)
    assert "You cannot see this page" in page_text(response)


def test_staff_cannot_open_admin_pages(client_as):
    client_as(create_staff()).get("staff.audit_log", _expected=403)


def test_an_admin_changes_a_role_with_a_reason_and_it_is_audited(client_as):
    admin, person = create_admin(), create_user(email="to.promote@example.org")
    helper = client_as(admin)
    helper.post("staff.change_role", user_id=person.id,
                _data={"role": "staff", "reason": "Joined the policy team"})
    db.session.refresh(person)
    assert person.role == "staff"
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "account.role_changed")).one()
    assert entry.actor_id == admin.id and entry.target_id == str(person.id)
    assert entry.detail == {"old": "member", "new": "staff", "reason": "Joined the policy team"}
    assert "account.role_changed" in page_text(helper.get("staff.audit_log"))


def test_a_role_change_without_a_reason_changes_nothing(client_as):
    person = create_user()
    response = client_as(create_admin()).post("staff.change_role", user_id=person.id,
                                              _data={"role": "admin", "reason": ""}, _expected=200)
    assert "Say why the role is changing" in page_text(response)
    db.session.refresh(person)
    assert person.role == "member"
