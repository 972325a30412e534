"""Joining: one form (category, professional details, where and what, consent, payment)."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from blueprints.core.form_errors import show_error as field_error
from blueprints.membership import bp
from blueprints.membership.forms import PAY_LABELS, JoinForm
from blueprints.membership.webhook import start_checkout
from extensions import db
from models.membership import PaymentMethod
from rules.membership.events import Status
from rules.membership.lifecycle import FORMER, PAYING
from rules.membership.periods import monthly_amount_pence
from services.membership import MembershipError
from services.membership.categories import all_categories, describe_period
from services.membership.joining import HOW_TO_PAY, join, membership_of
from services.membership.payments import next_payment, pounds


def stripe_enabled() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


@bp.route("/join", methods=["GET", "POST"], endpoint="join")
@login_required
def join_page():
    membership = membership_of(db.session, current_user)
    if membership is not None and membership.status not in FORMER:
        return redirect(url_for("membership.how_to_pay" if membership.status == Status.PENDING
                                else "accounts.settings"))
    categories = all_categories(db.session, open_only=True)
    form = JoinForm()
    form.category.choices = [(c.code, f"{c.name}: {pounds(c.annual_fee_pence)} a year")
                             for c in categories]
    methods = ([PaymentMethod.CARD] if stripe_enabled() else []) + list(
        PaymentMethod.MANUAL_CHOICES)
    form.payment_method.choices = [(m, PAY_LABELS[m]) for m in methods]
    if form.validate_on_submit():
        try:
            membership = join(
                db.session, current_user, category_code=form.category.data,
                billing=form.billing.data, regulator=form.regulator.data or None,
                registration_number=form.registration_number.data, region=form.region.data,
                sector=form.sector.data, role=form.role.data,
                consent_to_contact=form.consent_to_contact.data,
                payment_method=form.payment_method.data)
        except MembershipError as error:
            db.session.rollback()
            field_error(form, error)
        else:
            db.session.commit()
            if form.payment_method.data == PaymentMethod.CARD:
                return start_checkout(membership)
            flash("Thank you for joining. Your membership starts when we receive your "
                  "payment.", "success")
            return redirect(url_for("membership.how_to_pay"))
    return render_template("membership/join.html", form=form, categories=categories,
                           describe_period=describe_period, pounds=pounds,
                           monthly_amount=monthly_amount_pence)


@bp.get("/membership/how-to-pay")
@login_required
def how_to_pay():
    membership = membership_of(db.session, current_user)
    if membership is None:
        return redirect(url_for("membership.join"))
    amount, period = next_payment(db.session, membership)
    return render_template("membership/how_to_pay.html", membership=membership,
                           amount=pounds(amount), period=period,
                           card=stripe_enabled() and membership.status in PAYING,
                           instructions=HOW_TO_PAY.get(membership.payment_method, ""))
