"""Admins manage membership categories: fees, periods, and closing one to new joiners."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from blueprints.core.form_errors import show_error as field_error
from blueprints.core.guards import admin_required, staff_required
from blueprints.membership import bp
from blueprints.membership.forms import POUNDS_HINT, CategoryForm, parse_pounds
from extensions import client_ip, db
from models.membership import MembershipCategory
from services.membership import MembershipError
from services.membership.categories import all_categories, describe_period, save_category
from services.membership.payments import pounds

_FIELDS = ("name", "description", "eligibility", "monthly_allowed", "needs_approval",
           "period_kind", "year_start_month", "year_start_day", "pro_rata", "roll_over_month",
           "roll_over_day", "open_to_new_members", "stripe_annual_price_id",
           "stripe_monthly_price_id")


@bp.get("/staff/membership-categories", endpoint="categories")
@staff_required
def categories_page():
    return render_template("membership/staff/categories.html",
                           categories=all_categories(db.session), pounds=pounds,
                           describe_period=describe_period)


def _edit(category: MembershipCategory | None):
    form = CategoryForm(obj=category)
    if category is not None:
        form.code.render_kw = {"readonly": True}
        if not form.is_submitted():
            form.annual_fee.data = f"{category.annual_fee_pence / 100:.2f}"
    if form.validate_on_submit():
        pence = parse_pounds(form.annual_fee.data)
        code = form.code.data.lower()
        if pence is None:
            form.annual_fee.errors = [*form.annual_fee.errors,
                                      f"Enter the fee {POUNDS_HINT}."]
        elif category is None and not code.replace("_", "").isalpha():
            form.code.errors = [*form.code.errors, "Use lower-case letters and underscores."]
        else:
            values = {name: getattr(form, name).data for name in _FIELDS}
            for name in ("stripe_annual_price_id", "stripe_monthly_price_id"):
                values[name] = values[name] or None
            try:
                saved = save_category(db.session, actor=current_user, category=category,
                                      code=code, annual_fee_pence=pence,
                                      ip_address=client_ip(), **values)
            except MembershipError as error:
                db.session.rollback()
                field_error(form, error)
            else:
                db.session.commit()
                flash(f"{saved.name} saved.", "success")
                return redirect(url_for("membership.categories"))
    return render_template("membership/staff/category_form.html", form=form, category=category)


@bp.route("/staff/membership-categories/new", methods=["GET", "POST"])
@admin_required
def new_category():
    return _edit(None)


@bp.route("/staff/membership-categories/<int:category_id>", methods=["GET", "POST"])
@admin_required
def edit_category(category_id: int):
    category = db.session.get(MembershipCategory, category_id)
    if category is None:
        abort(404)
    return _edit(category)
