"""The second sign-in step for staff and admins: set up TOTP, then enter a code."""

from flask import abort, current_app, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from blueprints.accounts import bp
from blueprints.accounts.forms import SecondFactorForm, SetupSecondFactorForm
from blueprints.accounts.signing_in import start_session
from blueprints.core.guards import staff_required
from extensions import db, limiter
from models.accounts import User
from services import audit, two_factor


def _pending_user() -> User | None:
    """The account that passed the password step and now owes a second factor."""
    session_id = session.get("second_factor_user") or ""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


def _finish(user: User):
    next_url = session.get("second_factor_next")
    start_session(user)
    return redirect(next_url or url_for("staff.home"))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit("10 per 10 minutes", key_func=lambda: "second-factor:" + session.get(
    "second_factor_user", "none"), methods=["POST"])
def second_factor():
    user = _pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for("accounts.sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        code = form.code.data.strip()
        if two_factor.verify(db.session, user, code) or (
            len(code.replace("-", "")) == 10 and two_factor.use_recovery_code(db.session, user, code)
        ):
            db.session.commit()
            return _finish(user)
        db.session.rollback()
        form.code.errors = ["That code is not right, or has already been used. Try the newest code."]
    return render_template("accounts/second_factor.html", form=form)


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
def set_up_second_factor():
    user = _pending_user()
    if user is None:
        return redirect(url_for("accounts.sign_in"))
    if user.totp_secret:
        return redirect(url_for("accounts.second_factor"))
    # The secret is kept on the server; the session holds only the id it is kept under.
    held_id, secret = two_factor.secret_being_set_up(db.session, user,
                                                     session.get("second_factor_setup"))
    session["second_factor_setup"] = held_id
    form = SetupSecondFactorForm()
    if form.validate_on_submit():
        codes = two_factor.enable(db.session, user, secret, form.code.data)
        if codes is None:
            form.code.errors = ["That code is not right. Check the app and enter the code it shows now."]
        else:
            two_factor.finish_set_up(db.session, user, held_id)
            audit.record(db.session, actor=user, action="account.second_factor_enabled", target=user)
            held_codes = two_factor.hold_recovery_codes(db.session, user, codes)
            db.session.commit()
            next_url = session.get("second_factor_next")
            start_session(user)
            session["recovery_codes"] = held_codes
            session["after_recovery_codes"] = next_url
            return redirect(url_for("accounts.recovery_codes"))
    db.session.commit()  # the secret kept, for the post that proves the app has it
    uri = two_factor.provisioning_uri(secret, user.email, current_app.config["SITE_NAME"])
    return render_template("accounts/set_up_second_factor.html", form=form, secret=secret,
                           qr=two_factor.qr_svg(uri))


@bp.get("/recovery-codes")
@login_required
def recovery_codes():
    if not current_user.totp_secret:
        abort(404)
    codes = two_factor.take_recovery_codes(db.session, current_user,
                                           session.pop("recovery_codes", None))
    db.session.commit()  # shown once: forgotten on the server as they are shown
    return render_template("accounts/recovery_codes.html", codes=codes,
                           next_url=session.pop("after_recovery_codes", None) or url_for("staff.home"),
                           remaining=two_factor.remaining_recovery_codes(current_user))


@bp.post("/recovery-codes")
@staff_required
def new_recovery_codes():
    codes = two_factor.replace_recovery_codes(db.session, current_user)
    session["recovery_codes"] = two_factor.hold_recovery_codes(db.session, current_user, codes)
    audit.record(db.session, actor=current_user, action="account.recovery_codes_replaced",
                 target=current_user)
    db.session.commit()
    return redirect(url_for("accounts.recovery_codes"))
