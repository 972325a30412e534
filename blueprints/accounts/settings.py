"""The account page: change email address and password."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from blueprints.accounts import bp
from blueprints.accounts.forms import ChangeEmailForm, ChangePasswordForm
from blueprints.accounts.signing_in import start_session
from blueprints.accounts.views import _field_error
from extensions import db
from services import accounts
from services.accounts import AccountError
from services.tokens import TokenError


def _render(email_form=None, password_form=None, status=200):
    return render_template(
        "accounts/settings.html",
        email_form=email_form or ChangeEmailForm(prefix="email"),
        password_form=password_form or ChangePasswordForm(prefix="password"),
    ), status


@bp.get("")
@login_required
def settings():
    return _render()


@bp.post("/email")
@login_required
def change_email():
    form = ChangeEmailForm(prefix="email")
    if form.validate_on_submit():
        try:
            accounts.request_email_change(db.session, current_user, password=form.password.data,
                                          new_email=form.email.data)
        except AccountError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            # The same answer whether or not the address has an account (services.accounts).
            flash(f"We have sent a link to {form.email.data}. Your address changes "
                  "when you follow it.", "success")
            return redirect(url_for("accounts.settings"))
    return _render(email_form=form, status=400)


@bp.get("/email/confirm/<token>")
def confirm_email_change(token: str):
    try:
        accounts.confirm_email_change(db.session, token)
    except TokenError as error:
        return render_template("accounts/link_problem.html", reason=str(error)), 400
    db.session.commit()
    flash("Your email address has been changed.", "success")
    return redirect(url_for("accounts.settings" if current_user.is_authenticated else "accounts.sign_in"))


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm(prefix="password")
    if form.validate_on_submit():
        try:
            accounts.change_password(db.session, current_user, current=form.current_password.data,
                                     new=form.password.data)
        except AccountError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            user = current_user._get_current_object()
            logout_user()
            start_session(user)  # this session continues; every other one has ended
            flash("Your password has been changed.", "success")
            return redirect(url_for("accounts.settings"))
    return _render(password_form=form, status=400)
