"""Staff: the members list, member detail with history, recording payments, changing status."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.core.form_errors import show_error as field_error
from blueprints.core.guards import staff_required
from blueprints.membership import bp
from blueprints.membership.forms import (
    POUNDS_HINT,
    MemberSearchForm,
    PaymentForm,
    StatusForm,
    parse_pounds,
)
from extensions import client_ip, db
from models.accounts import User
from models.membership import Membership
from rules.numbers import whole_number
from services.membership import MembershipError, lifecycle
from services.membership import staff as staff_service
from services.membership.categories import all_categories
from services.membership.payments import next_payment, payments_of, pounds, record_payment
from services.membership.standing import today

PAGE_SIZE = 50


def _membership(membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None:
        abort(404)
    return membership


def filters_from(form: MemberSearchForm) -> staff_service.MemberFilters:
    return staff_service.MemberFilters(q=form.q.data or "", status=form.status.data or "",
                                       category=form.category.data or "",
                                       region=form.region.data or "",
                                       sector=form.sector.data or "")


def search_form() -> MemberSearchForm:
    form = MemberSearchForm(request.args)
    form.category.choices = [("", "Any category")] + [
        (c.code, c.name) for c in all_categories(db.session)]
    return form


@bp.get("/staff/members")
@staff_required
def members():
    form = search_form()
    valid = form.validate()
    filters = filters_from(form) if valid else staff_service.MemberFilters()
    before = request.args.get("before", "")
    query = staff_service.members_query(filters, before_id=whole_number(before)
                                        ).limit(PAGE_SIZE + 1)
    rows = db.session.execute(query).all()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    args = {k: v for k, v in request.args.items() if k != "before" and v}
    next_url = url_for("membership.members", before=rows[-1][0].id, **args) if more else None
    return render_template("membership/staff/members.html", form=form, rows=rows,
                           next_url=next_url, args=args)


@bp.get("/staff/members/<int:membership_id>")
@staff_required
def member(membership_id: int):
    membership = _membership(membership_id)
    events = lifecycle.history(db.session, membership)
    actor_ids = {e.actor_id for e in events if e.actor_id}
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
    return render_template("membership/staff/member.html", membership=membership,
                           events=list(reversed(events)), actors=actors,
                           labels=lifecycle.EVENT_LABELS,
                           payments=payments_of(db.session, membership), pounds=pounds)


@bp.route("/staff/members/<int:membership_id>/payment", methods=["GET", "POST"])
@staff_required
def record_member_payment(membership_id: int):
    membership = _membership(membership_id)
    amount, period = next_payment(db.session, membership)
    form = PaymentForm()
    if request.method == "GET":
        form.amount.data = f"{amount / 100:.2f}"
        form.paid_on.data = today()
        if membership.payment_method in dict(form.method.choices):
            form.method.data = membership.payment_method
    if form.validate_on_submit():
        pence = parse_pounds(form.amount.data)
        if pence is None:
            form.amount.errors = [*form.amount.errors,
                                  f"Enter the amount {POUNDS_HINT}."]
        else:
            try:
                record_payment(db.session, membership, amount_pence=pence,
                               method=form.method.data, reference=form.reference.data,
                               paid_on=form.paid_on.data, actor=current_user,
                               ip_address=client_ip())
            except MembershipError as error:
                db.session.rollback()
                field_error(form, error)
            else:
                db.session.commit()
                flash(f"Payment recorded. {membership.user.name} is {membership.status}.",
                      "success")
                return redirect(url_for("membership.member", membership_id=membership.id))
    return render_template("membership/staff/payment.html", form=form, membership=membership,
                           amount=pounds(amount), period=period)


@bp.route("/staff/members/<int:membership_id>/status", methods=["GET", "POST"])
@staff_required
def change_status(membership_id: int):
    membership = _membership(membership_id)
    form = StatusForm()
    if request.method == "GET":
        form.status.data = membership.status
    if form.validate_on_submit():
        try:
            staff_service.change_status(db.session, membership, actor=current_user,
                                        to=form.status.data, reason=form.reason.data,
                                        period_end=form.period_end.data,
                                        ip_address=client_ip())
        except MembershipError as error:
            db.session.rollback()
            field_error(form, error)
        else:
            db.session.commit()
            flash(f"Status changed to {membership.status}.", "success")
            return redirect(url_for("membership.member", membership_id=membership.id))
    return render_template("membership/staff/status.html", form=form, membership=membership)


@bp.post("/staff/members/<int:membership_id>/approve")
@staff_required
def approve(membership_id: int):
    membership = _membership(membership_id)
    staff_service.approve(db.session, membership, actor=current_user, ip_address=client_ip())
    db.session.commit()
    flash(f"{membership.category.name} approved for {membership.user.name}.", "success")
    return redirect(url_for("membership.member", membership_id=membership.id))
