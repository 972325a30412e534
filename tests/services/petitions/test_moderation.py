from datetime import timedelta

import pytest

from models.base import utcnow
from services.petitions import PetitionError, moderation
from services.petitions.moderation import LockedError, PetitionSettings, PetitionText
from tests.factories import create_member, create_staff, create_user
from tests.factories.petitions import create_petition


def _settings(petition, **changes):
    values = {name: getattr(petition, name) for name in (
        "opens_at", "closes_at", "response_threshold", "debate_threshold", "rate_short_max",
        "rate_short_minutes", "rate_long_max", "rate_long_minutes", "anonymise_exempt")}
    return PetitionSettings(**(values | changes))


def test_a_verified_member_proposes_and_it_waits_for_moderation(db_session):
    member = create_member()
    petition = moderation.propose(db_session, member, PetitionText("Pay us fairly", "Because"))
    assert petition.state == "pending"


def test_an_unverified_account_may_not_propose(db_session):
    unverified = create_member(user=create_user(verified=False))
    with pytest.raises(PetitionError, match="confirmed email address"):
        moderation.propose(db_session, unverified, PetitionText("Pay us fairly"))


def test_a_lapsed_member_or_a_plain_account_may_not_propose(db_session):
    for user in (create_member(status="lapsed"), create_user()):
        with pytest.raises(PetitionError, match="members in good standing"):
            moderation.propose(db_session, user, PetitionText("Pay us fairly"))


def test_an_action_longer_than_80_characters_is_refused(db_session):
    with pytest.raises(PetitionError) as caught:
        moderation.propose(db_session, create_member(), PetitionText("x" * 81))
    assert caught.value.field == "action"


def test_approving_opens_for_six_months_and_rejecting_keeps_the_reason(db_session):
    staff = create_staff()
    first = create_petition(state="pending")
    moderation.approve(db_session, staff, first)
    assert first.state == "open"
    assert 181 <= (first.closes_at - first.opens_at).days <= 184
    second = create_petition(state="pending")
    moderation.reject(db_session, staff, second, "Not something the body can do.")
    assert (second.state, second.rejection_reason) == ("rejected", "Not something the body can do.")


def test_hiding_and_restoring_returns_the_petition_to_its_state(db_session):
    staff = create_staff()
    petition = create_petition()
    moderation.hide(db_session, staff, petition, "Legal complaint")
    assert petition.state == "hidden"
    moderation.restore(db_session, staff, petition)
    assert petition.state == "open"


def test_a_second_moderator_cannot_take_the_lock_or_save_over_an_edit(db_session):
    first, second = create_staff(name="Alex Moderator"), create_staff()
    petition = create_petition()
    moderation.take_lock(db_session, first, petition)
    with pytest.raises(LockedError, match="being edited by Alex Moderator"):
        moderation.take_lock(db_session, second, petition)
    with pytest.raises(LockedError, match="Alex Moderator"):
        moderation.edit(db_session, second, petition, PetitionText("Changed"), _settings(petition))
    moderation.edit(db_session, first, petition, PetitionText("Changed by Alex"),
                    _settings(petition, response_threshold=500))
    assert (petition.action, petition.response_threshold) == ("Changed by Alex", 500)
    assert petition.locked_by_id is None


def test_an_expired_lock_can_be_taken_over(db_session):
    first, second = create_staff(), create_staff()
    petition = create_petition()
    moderation.take_lock(db_session, first, petition, now=utcnow() - timedelta(hours=1))
    moderation.take_lock(db_session, second, petition)
    assert petition.locked_by_id == second.id


def test_thresholds_must_rise(db_session):
    staff = create_staff()
    petition = create_petition()
    moderation.take_lock(db_session, staff, petition)
    with pytest.raises(PetitionError) as caught:
        moderation.edit(db_session, staff, petition, PetitionText("Same"),
                        _settings(petition, response_threshold=5000, debate_threshold=4000))
    assert caught.value.field == "debate_threshold"


def test_a_proposal_hidden_before_moderation_is_restored_to_moderation_not_opened(db_session):
    staff = create_staff()
    petition = create_petition(state="pending", opens_at=None)
    moderation.hide(db_session, staff, petition, "Looks like spam")
    moderation.restore(db_session, staff, petition)
    assert petition.state == "pending"
