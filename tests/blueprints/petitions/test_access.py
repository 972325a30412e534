"""Who may open each petition page: visitors, members, staff."""

import pytest

from tests.factories import create_member, create_staff, create_user
from tests.factories.petitions import create_petition
from tests.helpers import page_text

STAFF_PAGES = ["petitions_staff.index", "petitions_staff.new", "petitions_staff.detail",
               "petitions_staff.signatures", "petitions_staff.export"]
STAFF_ACTIONS = ["petitions_staff.approve", "petitions_staff.reject", "petitions_staff.hide",
                 "petitions_staff.restore", "petitions_staff.respond", "petitions_staff.lock",
                 "petitions_staff.unlock", "petitions_staff.invalidate",
                 "petitions_staff.release", "petitions_staff.edit"]


def _values(endpoint, petition):
    return {} if endpoint in ("petitions_staff.index", "petitions_staff.new") else \
        {"petition_id": petition.id}


@pytest.mark.parametrize("endpoint", STAFF_PAGES)
def test_staff_pages_send_visitors_to_sign_in_refuse_members_and_open_for_staff(
        client_as, endpoint):
    petition = create_petition()
    values = _values(endpoint, petition)
    response = client_as(None).get(endpoint, _expected=302, **values)
    assert "/account/sign-in" in response.headers["Location"]
    client_as(create_user()).get(endpoint, _expected=403, **values)
    client_as(create_staff()).get(endpoint, _expected=200, **values)


@pytest.mark.parametrize("endpoint", STAFF_ACTIONS)
def test_staff_actions_are_refused_to_visitors_and_members(client_as, endpoint):
    petition = create_petition()
    client_as(None).post(endpoint, _expected=302, petition_id=petition.id)
    client_as(create_user()).post(endpoint, _expected=403, petition_id=petition.id)


def test_public_pages_open_for_everyone(client_as):
    petition = create_petition()
    for user in (None, create_user(), create_staff()):
        helper = client_as(user)
        helper.get("petitions.index")
        helper.get("petitions.show", petition_id=petition.id)
        helper.get("petitions_api.index")
        helper.get("petitions_api.detail", petition_id=petition.id)


def test_hidden_and_pending_petitions_are_not_public(client_as):
    proposer = create_member()
    hidden = create_petition(state="hidden")
    pending = create_petition(state="pending", opens_at=None, created_by=proposer)
    for petition in (hidden, pending):
        client_as(None).get("petitions.show", _expected=404, petition_id=petition.id)
        client_as(None).get("petitions_api.detail", _expected=404, petition_id=petition.id)
        client_as(create_staff()).get("petitions.show", petition_id=petition.id)
    client_as(proposer).get("petitions.show", petition_id=pending.id)
    client_as(create_user()).get("petitions.show", _expected=404, petition_id=pending.id)


def test_proposing_needs_a_member_in_good_standing_with_a_verified_email(client_as):
    response = client_as(None).get("petitions.propose_petition", _expected=302)
    assert "/account/sign-in" in response.headers["Location"]
    unverified = create_member(user=create_user(verified=False))
    client_as(unverified).get("petitions.propose_petition", _expected=403)
    refused = client_as(create_member(status="lapsed")).get("petitions.propose_petition",
                                                             _expected=403)
    assert "members in good standing" in page_text(refused)
    client_as(create_user()).get("petitions.propose_petition", _expected=403)
    client_as(create_member()).get("petitions.propose_petition")
    client_as(create_staff()).get("petitions.propose_petition")
