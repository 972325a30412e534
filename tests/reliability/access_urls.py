"""URL values of the areas' routes for the access table: functions of People (people.py)."""


def _q(people, poll, kind):
    return next(q for q in people[poll].questions if q.kind == kind)


def _statement(key):
    return lambda people: {"statement_id": people[key].id}


def _slug(key):
    return lambda people: {"slug": people[key].slug}


def _petition(key):
    return lambda people: {"petition_id": people[key].id}


def _poll(key):
    return lambda people: {"poll_id": people[key].id}


def _option(people, poll="draft_poll", direction=None):
    option = _q(people, poll, "yes_no").options[0]
    values = {"poll_id": people[poll].id, "option_id": option.id}
    return {**values, "direction": direction} if direction else values


AREA_URL_VALUES = {
    # membership
    "membership.approve": lambda people: {"membership_id": people["membership"].id},
    "membership.change_status": lambda people: {"membership_id": people["membership"].id},
    "membership.member": lambda people: {"membership_id": people["membership"].id},
    "membership.record_member_payment": lambda people: {"membership_id": people["membership"].id},
    "membership.edit_category": lambda people: {"category_id": people["category"].id},
    "membership.receipt": lambda people: {"payment_id": people["payment"].id},
    # statements
    "statements.show": _slug("published_statement"),
    "statements.history": _slug("published_statement"),
    "statements.diff": _slug("published_statement"),
    "statements.endorse": _slug("published_statement"),
    "statements.unendorse": _slug("published_statement"),
    "statements.revision": lambda people: {"slug": people["published_statement"].slug,
                                           "number": 1},
    "statements.consultation": _slug("consultation"),
    "statement_editor.view": _statement("draft_statement"),
    "statement_editor.edit": _statement("draft_statement"),
    "statement_editor.submit": _statement("draft_statement"),
    "statement_editor.return_to_draft": _statement("statement_in_review"),
    "statement_editor.approve": _statement("statement_in_review"),
    "statement_editor.schedule": _statement("approved_statement"),
    "statement_editor.publish": _statement("approved_statement"),
    "statement_editor.revise": _statement("published_statement"),
    "statement_editor.supersede": _statement("published_statement"),
    "statement_editor.withdraw": _statement("published_statement"),
    # polls
    "polls.show": _poll("open_poll"),
    "polls.vote": _poll("open_poll"),
    "polls.receipt": _poll("open_poll"),
    "polls.receipts": _poll("closed_poll"),
    "polls.results": _poll("closed_poll"),
    "polls.results_export": _poll("closed_poll"),
    "polls.respond": _poll("public_poll"),
    "polls.check_email": _poll("public_poll"),
    "polls.confirm_response": lambda people: {"poll_id": people["public_poll"].id,
                                              "token": "not-a-real-token"},
    "polls_api.results": _poll("closed_poll"),
    "statements_api.detail": _slug("published_statement"),
    # petitions
    "petitions.show": _petition("open_petition"),
    "petitions.check_email": _petition("open_petition"),
    "petitions.thanks": _petition("open_petition"),
    "petitions.confirm": lambda people: {"token": people["confirm_token"]},
    "petitions_api.detail": _petition("open_petition"),
    "petitions_staff.detail": _petition("open_petition"),
    "petitions_staff.edit": _petition("open_petition"),
    "petitions_staff.export": _petition("open_petition"),
    "petitions_staff.signatures": _petition("open_petition"),
    "petitions_staff.invalidate": _petition("open_petition"),
    "petitions_staff.release": _petition("open_petition"),
    "petitions_staff.lock": _petition("open_petition"),
    "petitions_staff.unlock": _petition("open_petition"),
    "petitions_staff.respond": _petition("open_petition"),
    "petitions_staff.hide": _petition("open_petition"),
    "petitions_staff.approve": _petition("pending_petition"),
    "petitions_staff.reject": _petition("pending_petition"),
    "petitions_staff.restore": _petition("hidden_petition"),
    "polls_staff.manage": _poll("draft_poll"),
    "polls_staff.settings": _poll("draft_poll"),
    "polls_staff.preview": _poll("draft_poll"),
    "polls_staff.add_question": _poll("draft_poll"),
    "polls_staff.remove_question": lambda people: {
        "poll_id": people["draft_poll"].id, "question_id": _q(people, "draft_poll", "text").id},
    "polls_staff.add_option": lambda people: {
        "poll_id": people["draft_poll"].id, "question_id": _q(people, "draft_poll", "yes_no").id},
    "polls_staff.edit_option": _option,
    "polls_staff.remove_option": _option,
    "polls_staff.move_option": lambda people: _option(people, direction="down"),
    "polls_staff.open_now": _poll("draft_poll"),
    "polls_staff.close_now": _poll("open_poll"),
    "polls_staff.extend": _poll("open_poll"),
    "polls_staff.allow_late_joiner": _poll("open_poll"),
    "polls_staff.results": _poll("closed_poll"),
    "polls_staff.publish_free_text": lambda people: {"poll_id": people["closed_poll"].id,
                                                     "choice": "publish"},
    "polls_staff.import_blt": lambda people: {
        "poll_id": people["draft_poll"].id, "question_id": _q(people, "draft_poll", "ranked").id},
    "polls_staff.export_blt": lambda people: {
        "poll_id": people["closed_poll"].id,
        "question_id": _q(people, "closed_poll", "ranked").id},
}
