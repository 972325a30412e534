"""The member's own membership: the account section, receipts, changes, data and closing."""

import json

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from blueprints.core.form_errors import show_error as field_error
from blueprints.membership import bp
from blueprints.membership.forms import CategoryChangeForm, CloseAccountForm
from extensions import db
from models.membership import Payment
from rules.membership.lifecycle import FORMER, PAYING
from rules.membership.regions import REGIONS, ROLES, SECTORS, label_for
from services import passwords
from services.membership import MembershipError, account, lifecycle
from services.membership.categories import all_categories
from services.membership.joining import membership_of
from services.membership.payments import payments_of, pounds


def _label(choices, code):
    try:
        return label_for(choices, code) if code else "Not given"
    except KeyError:
        return code


def membership_context() -> dict:
    """Template helpers for the account section (evaluated only when a page uses them)."""

    def my_membership():
        if not current_user.is_authenticated:
            return None
        return membership_of(db.session, current_user)

    def my_payments(membership):
        return payments_of(db.session, membership)

    def payment_failed_on(membership):
        """The day the latest payment failed, if no payment has come in since."""
        if membership.status not in PAYING:
            return None
        return lifecycle.state_of(db.session, membership).payment_failed_on

    return {"my_membership": my_membership, "my_payments": my_payments, "pounds": pounds,
            "payment_failed_on": payment_failed_on,
            "region_label": lambda c: _label(REGIONS, c),
            "sector_label": lambda c: _label(SECTORS, c),
            "role_label": lambda c: _label(ROLES, c)}


def _mine():
    membership = membership_of(db.session, current_user)
    if membership is None:
        abort(404)
    return membership


@bp.get("/account/receipts/<int:payment_id>")
@login_required
def receipt(payment_id: int):
    payment = db.session.get(Payment, payment_id)
    membership = membership_of(db.session, current_user)
    if payment is None or membership is None or payment.membership_id != membership.id:
        abort(404)
    return render_template("membership/receipt.html", payment=payment, membership=membership)


@bp.route("/account/membership/category", methods=["GET", "POST"])
@login_required
def change_category():
    membership = _mine()
    if membership.status not in account.CATEGORY_CHANGEABLE:
        flash("Your membership has ended, so there is no category to change: rejoin, and "
              "choose your category on the form.", "info")
        return redirect(url_for("membership.join"))
    form = CategoryChangeForm()
    categories = all_categories(db.session, open_only=True)
    form.category.choices = [(c.code, f"{c.name}: {pounds(c.annual_fee_pence)} a year")
                             for c in categories]
    if form.validate_on_submit():
        try:
            account.request_category_change(db.session, membership, form.category.data)
        except MembershipError as error:
            db.session.rollback()
            field_error(form, error)
        else:
            db.session.commit()
            flash("Your category will change when your membership renews."
                  if membership.pending_category_id else "Your category is changed.", "success")
            return redirect(url_for("accounts.settings"))
    return render_template("membership/change_category.html", form=form, membership=membership)


@bp.post("/account/membership/cancel")
@login_required
def cancel():
    membership = _mine()
    try:
        account.cancel(db.session, membership)
    except MembershipError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("Your membership is cancelled." if membership.status == "cancelled" else
              f"Your membership will end on {membership.period_end:%-d %B %Y}. You can "
              "change your mind until then.", "success")
    return redirect(url_for("accounts.settings"))


@bp.post("/account/membership/rejoin")
@login_required
def rejoin():
    membership = _mine()
    if membership.status in FORMER:
        # Coming back means choosing a category and how to pay again.
        return redirect(url_for("membership.join"))
    try:
        account.rejoin(db.session, membership)
    except MembershipError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("Your membership will carry on.", "success")
    return redirect(url_for("accounts.settings"))


@bp.get("/account/my-data.json")
@login_required
def my_data():
    data = account.export_my_data(db.session, current_user)
    return Response(json.dumps(data, indent=2, ensure_ascii=False),
                    mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=my-data.json"})


@bp.route("/account/close", methods=["GET", "POST"])
@login_required
def close_account():
    form = CloseAccountForm()
    if form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors = [*form.password.errors, "That password is not right."]
        else:
            account.close_account(db.session, current_user)
            db.session.commit()
            logout_user()
            flash("Your account is closed and your personal details are removed.", "success")
            return redirect(url_for("core.home"))
    return render_template("membership/close_account.html", form=form)
