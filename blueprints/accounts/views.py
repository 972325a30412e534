"""Registering, verifying email, signing in and out, and resetting a password."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from blueprints.accounts import bp
from blueprints.accounts.forms import (
    ForgotPasswordForm,
    RegisterForm,
    ResetPasswordForm,
    SignInForm,
)
from blueprints.accounts.signing_in import safe_next, start_session
from blueprints.core.form_errors import show_error as _field_error
from extensions import client_ip, db, limiter
from rules.emails import EmailAddressError, canonical_email
from services import accounts
from services.accounts import AccountError
from services.tokens import TokenError


@bp.route("/register", methods=["GET", "POST"])
def register():
    # Where to carry on after verifying, e.g. /join: joining is one flow.
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("accounts.settings"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            accounts.register(db.session, name=form.name.data, email=form.email.data,
                              password=form.password.data, then=next_url)
        except AccountError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            return render_template("accounts/check_email.html", email=form.email.data,
                                   purpose="register")
    return render_template("accounts/register.html", form=form, next_url=next_url)


@bp.get("/verify/<token>")
def verify_email(token: str):
    try:
        accounts.verify_email(db.session, token)
    except TokenError as error:
        return render_template("accounts/link_problem.html", reason=str(error)), 400
    db.session.commit()
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        flash("Your email address is confirmed.", "success")
        return redirect(next_url or url_for("accounts.settings"))
    flash("Your email address is confirmed. Sign in to carry on." if next_url
          else "Your email address is confirmed.", "success")
    return redirect(url_for("accounts.sign_in", next=next_url))


@bp.post("/verify/resend")
@login_required
def resend_verification():
    if not current_user.email_verified:
        accounts.send_verification(db.session, current_user)
        db.session.commit()
    flash(f"We have sent a new link to {current_user.email}.", "success")
    return redirect(url_for("accounts.settings"))


def _sign_in_account_key() -> str:
    # Per person, not per spelling: every form of an address shares one limit.
    typed = request.form.get("email", "")[:254]
    try:
        return "sign-in-account:" + canonical_email(typed)
    except EmailAddressError:
        return "sign-in-account:" + typed.strip().lower()


def _sign_in_ip_key() -> str:
    return "sign-in-ip:" + client_ip()


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_IP"], key_func=_sign_in_ip_key,
               methods=["POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_ACCOUNT"],
               key_func=_sign_in_account_key, methods=["POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.settings"))
    form = SignInForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        user = accounts.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            db.session.rollback()
            form.form_errors.append("The email address or password is not right.")
            form.password.errors = ["Check your email address and password and try again."]
        elif user.needs_second_factor:
            db.session.commit()
            session.clear()
            session["second_factor_user"] = user.get_id()
            session["second_factor_next"] = next_url
            step = "accounts.second_factor" if user.totp_secret else "accounts.set_up_second_factor"
            return redirect(url_for(step))
        else:
            db.session.commit()
            start_session(user)
            return redirect(next_url or url_for("accounts.settings"))
    return render_template("accounts/sign_in.html", form=form, next_url=next_url)


@bp.post("/sign-out")
@login_required
def sign_out():
    accounts.end_all_sessions(db.session, current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("core.home"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("10 per 15 minutes", key_func=lambda: "forgot:" + client_ip(), methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(db.session, form.email.data)
        db.session.commit()
        # The same answer whether or not the address has an account.
        return render_template("accounts/check_email.html", email=form.email.data,
                               purpose="reset")
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        accounts.user_for_reset_token(db.session, token)
    except TokenError as error:
        return render_template("accounts/link_problem.html", reason=str(error)), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(db.session, token, form.password.data)
        except AccountError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            logout_user()
            session.clear()
            flash("Your password has been changed. Sign in with your new password.", "success")
            return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form)
