"""The expected answer of every route for every role.

Keys are "METHOD endpoint" for every method a route accepts (HEAD and OPTIONS aside).
Each value maps role -> expected answer: a status code, or SIGN_IN for a redirect to the
sign-in page. A 302 code means a redirect somewhere else. A GET is sent with no query
string, a POST with a valid CSRF token and no other fields. Routes with URL parameters
name them in URL_VALUES (a function of the people made for the probe).
"""

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
