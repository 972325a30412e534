"""The expected answer of every route for every role.

Keys are "METHOD endpoint" for every method a route accepts (HEAD and OPTIONS aside).
Each value maps role -> expected answer: a status code, or SIGN_IN for a redirect to the
sign-in page. A 302 code means a redirect somewhere else. A GET is sent with no query
string, a POST with a valid CSRF token and no other fields. Routes with URL parameters
name them in URL_VALUES (a function of tests.reliability.people.People: the things made
for the probe, e.g. people["published_statement"]).
"""

from tests.reliability.access_urls import AREA_URL_VALUES

SIGN_IN = "sign-in"


def everyone(answer):
    return {"visitor": answer, "member": answer, "lapsed": answer, "staff": answer, "admin": answer}


def signed_in(answer, visitor=SIGN_IN):
    return {**everyone(answer), "visitor": visitor}


def staff_only(answer=200):
    return {"visitor": SIGN_IN, "member": 403, "lapsed": 403, "staff": answer, "admin": answer}


def admin_only(answer=200):
    return {"visitor": SIGN_IN, "member": 403, "lapsed": 403, "staff": 403, "admin": answer}


def visitors_only(answer=200, signed_in_answer=302):
    """Pages for people not signed in (register, sign in): others are sent to their account."""
    return {**everyone(signed_in_answer), "visitor": answer}


ACCESS = {
    # core
    "GET core.home": everyone(200),
    "GET core.accessibility": everyone(200),
    "GET core.privacy": everyone(200),
    "GET static": everyone(200),
    # operations
    "GET ops.healthz": everyone(200),
    "GET ops.readyz": everyone(200),
    "GET ops.metrics": staff_only(),
    # public API
    "GET api.index": everyone(200),
    "GET api.openapi_document": everyone(200),
    # accounts
    "GET accounts.register": visitors_only(),
    "POST accounts.register": visitors_only(),
    "GET accounts.sign_in": visitors_only(),
    "POST accounts.sign_in": visitors_only(),
    "POST accounts.sign_out": signed_in(302),
    "GET accounts.settings": signed_in(200),
    # An empty settings form is refused with 400 and the page again, messages by the fields.
    "POST accounts.change_email": signed_in(400),
    "POST accounts.change_password": signed_in(400),
    "GET accounts.confirm_email_change": everyone(400),
    "GET accounts.verify_email": everyone(400),
    "POST accounts.resend_verification": signed_in(302),
    "GET accounts.forgot_password": everyone(200),
    "POST accounts.forgot_password": everyone(200),
    "GET accounts.reset_password": everyone(400),
    "POST accounts.reset_password": everyone(400),
    "GET accounts.second_factor": everyone(SIGN_IN),
    "POST accounts.second_factor": everyone(SIGN_IN),
    "GET accounts.set_up_second_factor": everyone(SIGN_IN),
    "POST accounts.set_up_second_factor": everyone(SIGN_IN),
    # Members have no second factor, so for them there are no recovery codes at all.
    "GET accounts.recovery_codes": {**staff_only(200), "member": 404, "lapsed": 404},
    "POST accounts.new_recovery_codes": staff_only(302),
    # staff
    "GET staff.home": staff_only(),
    "GET staff.audit_log": admin_only(),
    "GET staff.people": admin_only(),
    "GET staff.change_role": admin_only(),
    "POST staff.change_role": admin_only(),
}

URL_VALUES = {
    "static": lambda people: {"filename": "css/site.css"},
    "accounts.confirm_email_change": lambda people: {"token": "not-a-real-token"},
    "accounts.verify_email": lambda people: {"token": "not-a-real-token"},
    "accounts.reset_password": lambda people: {"token": "not-a-real-token"},
    "staff.change_role": lambda people: {"user_id": people["subject"].id},
}

URL_VALUES.update(AREA_URL_VALUES)


def member_only(answer=200, lapsed=403, staff=None):
    """Pages for members in good standing: a former member is refused or told to rejoin."""
    return {"visitor": SIGN_IN, "member": answer, "lapsed": lapsed,
            "staff": answer if staff is None else staff,
            "admin": answer if staff is None else staff}


ACCESS.update({
    # membership: the member's own (staff and admins here have no membership: 404)
    "GET membership.join": {"visitor": SIGN_IN, "member": 302, "lapsed": 200, "staff": 200,
                            "admin": 200},
    # An empty joining form is shown again with its messages (200).
    "POST membership.join": {"visitor": SIGN_IN, "member": 302, "lapsed": 200, "staff": 200,
                             "admin": 200},
    "GET membership.how_to_pay": member_only(200, lapsed=200, staff=302),
    # Without Stripe keys there is no card checkout or billing portal.
    # GET only sends people to "how to pay"; the card checkout starts from its POST button.
    "GET membership.checkout_page": signed_in(302),
    "POST membership.checkout": signed_in(404),
    "POST membership.billing_portal": signed_in(404),
    "GET membership.change_category": member_only(200, lapsed=302, staff=404),
    "POST membership.change_category": member_only(200, lapsed=302, staff=404),
    "POST membership.cancel": member_only(302, lapsed=302, staff=404),
    "POST membership.rejoin": member_only(302, lapsed=302, staff=404),
    "GET membership.my_data": signed_in(200),
    "GET membership.close_account": signed_in(200),
    "POST membership.close_account": signed_in(200),
    # Someone else's receipt is nobody's business, staff included (they see payments in
    # the member's staff page).
    "GET membership.receipt": signed_in(404),
    # The webhook is off (404) until STRIPE_WEBHOOK_SECRET is set.
    "POST membership.stripe_webhook": everyone(404),
    # membership: staff
    "GET membership.members": staff_only(),
    "GET membership.dashboard": staff_only(),
    "GET membership.export_members": staff_only(),
    "GET membership.import_members": staff_only(),
    "POST membership.import_members": staff_only(200),
    "GET membership.member": staff_only(),
    "POST membership.approve": staff_only(302),
    "GET membership.change_status": staff_only(),
    "POST membership.change_status": staff_only(200),
    "GET membership.record_member_payment": staff_only(),
    "POST membership.record_member_payment": staff_only(200),
    "GET membership.categories": staff_only(),
    "GET membership.new_category": admin_only(),
    "POST membership.new_category": admin_only(200),
    "GET membership.edit_category": admin_only(),
    "POST membership.edit_category": admin_only(200),
    # statements: public
    "GET statements.index": everyone(200),
    "GET statements.feed": everyone(200),
    "GET statements.show": everyone(200),
    "GET statements.history": everyone(200),
    "GET statements.revision": everyone(200),
    "GET statements.diff": everyone(200),
    "GET statements_api.listing": everyone(200),
    "GET statements_api.detail": everyone(200),
    # Endorsing answers with the statement again and a message (thanks, or why not).
    "POST statements.endorse": signed_in(302),
    "POST statements.unendorse": signed_in(302),
    # The list of consultations explains to a former member why it is empty for them.
    "GET statements.consultations": signed_in(200),
    "GET statements.consultation": member_only(200),
    "POST statements.consultation": member_only(200),
    # statements: staff
    "GET statement_editor.index": staff_only(),
    "GET statement_editor.new": staff_only(),
    "POST statement_editor.new": staff_only(200),
    "POST statement_editor.preview": staff_only(200),
    "GET statement_editor.view": staff_only(),
    "GET statement_editor.edit": staff_only(),
    "POST statement_editor.edit": staff_only(200),
    "POST statement_editor.submit": staff_only(302),
    "POST statement_editor.return_to_draft": staff_only(302),
    "POST statement_editor.approve": staff_only(400),
    "POST statement_editor.schedule": staff_only(400),
    "POST statement_editor.publish": staff_only(302),
    "GET statement_editor.revise": staff_only(),
    "POST statement_editor.revise": staff_only(200),
    "GET statement_editor.supersede": staff_only(),
    "POST statement_editor.supersede": staff_only(200),
    "GET statement_editor.withdraw": staff_only(),
    "POST statement_editor.withdraw": staff_only(200),
    # polls: public pages (a members' poll shows everyone who may vote and how)
    "GET polls.index": everyone(200),
    "GET polls.show": everyone(200),
    # An empty ballot is a valid abstention for a voter (receipt, 302); anyone not on the
    # list of voters is sent back to the poll with the reason.
    "POST polls.vote": signed_in(302),
    "GET polls.receipt": everyone(200),
    "GET polls.receipts": everyone(200),
    "GET polls.results": everyone(200),
    "GET polls.results_export": everyone(200),
    "GET polls_api.results": everyone(200),
    # A public poll: an empty response is refused with messages; a forged link is a 400.
    "POST polls.respond": everyone(400),
    "GET polls.check_email": everyone(200),
    "GET polls.confirm_response": everyone(400),
    "POST polls.confirm_response": everyone(400),
    # polls: staff
    "GET polls_staff.index": staff_only(),
    "GET polls_staff.new": staff_only(),
    "POST polls_staff.new": staff_only(400),
    "GET polls_staff.manage": staff_only(),
    "GET polls_staff.settings": staff_only(),
    "POST polls_staff.settings": staff_only(302),
    "GET polls_staff.preview": staff_only(),
    "POST polls_staff.add_question": staff_only(400),
    "POST polls_staff.remove_question": staff_only(302),
    "POST polls_staff.add_option": staff_only(400),  # the form again, its message at the field
    "GET polls_staff.edit_option": staff_only(),
    "POST polls_staff.edit_option": staff_only(302),
    "POST polls_staff.move_option": staff_only(302),
    "POST polls_staff.remove_option": staff_only(302),
    "POST polls_staff.open_now": staff_only(302),
    "POST polls_staff.close_now": staff_only(302),
    "POST polls_staff.extend": staff_only(400),
    "POST polls_staff.allow_late_joiner": staff_only(400),
    "GET polls_staff.results": staff_only(),
    "POST polls_staff.publish_free_text": staff_only(302),
    "POST polls_staff.import_blt": staff_only(400),
    "GET polls_staff.export_blt": staff_only(),
})

ACCESS.update({
    # petitions: public (signing needs no account)
    "GET petitions.index": everyone(200),
    "GET petitions.show": everyone(200),
    # An empty signature is refused with messages by the fields.
    "POST petitions.show": everyone(400),
    "GET petitions.check_email": everyone(200),
    "GET petitions.thanks": everyone(200),
    # The mail's link shows a button (a GET confirms nothing); the button confirms.
    "GET petitions.confirm": everyone(200),
    "POST petitions.confirm": everyone(303),
    "GET petitions_api.index": everyone(200),
    "GET petitions_api.detail": everyone(200),
    # Proposing is for members in good standing (and staff); a former member gets a page
    # saying so (403).
    "GET petitions.propose_petition": member_only(200),
    "POST petitions.propose_petition": member_only(200),
    # petitions: staff
    "GET petitions_staff.index": staff_only(),
    "GET petitions_staff.new": staff_only(),
    "POST petitions_staff.new": staff_only(200),
    "GET petitions_staff.detail": staff_only(),
    # Editing needs the edit lock, taken with a POST: without it staff go to the petition.
    "GET petitions_staff.edit": staff_only(302),
    "POST petitions_staff.edit": staff_only(302),
    "POST petitions_staff.lock": staff_only(302),
    "POST petitions_staff.unlock": staff_only(302),
    "POST petitions_staff.approve": staff_only(302),
    "POST petitions_staff.reject": staff_only(400),  # the form again, its message at the field
    "POST petitions_staff.hide": staff_only(400),  # the form again, its message at the field
    "POST petitions_staff.restore": staff_only(302),
    "POST petitions_staff.respond": staff_only(400),  # the form again, its message at the field
    "GET petitions_staff.signatures": staff_only(),
    "GET petitions_staff.export": staff_only(),
    # Invalidating needs a criterion and the count staff saw: refused without (400).
    "POST petitions_staff.invalidate": staff_only(400),
    "POST petitions_staff.release": staff_only(302),
})
