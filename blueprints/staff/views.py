"""The staff home, the audit log and role management."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from blueprints.core.guards import admin_required, staff_required
from blueprints.core.slots import STAFF_LINKS
from blueprints.staff import bp
from blueprints.staff.forms import RoleForm, UserSearchForm
from extensions import client_ip, db
from models.accounts import User
from models.audit import AuditEntry
from rules.numbers import whole_number
from services import audit

PAGE_SIZE = 50


@bp.get("/")
@staff_required
def home():
    return render_template("staff/home.html", links=STAFF_LINKS)


def _before_id() -> int | None:
    value = request.args.get("before", "")
    return whole_number(value)


@bp.get("/audit")
@admin_required
def audit_log():
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(PAGE_SIZE + 1)
    if (before := _before_id()) is not None:
        query = query.where(AuditEntry.id < before)
    entries = db.session.scalars(query).all()
    actors = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({e.actor_id for e in entries if e.actor_id})))}
    more = len(entries) > PAGE_SIZE
    return render_template("staff/audit.html", entries=entries[:PAGE_SIZE], actors=actors,
                           next_before=entries[PAGE_SIZE - 1].id if more else None)


@bp.get("/people")
@admin_required
def people():
    form = UserSearchForm(request.args)
    query = select(User).order_by(User.id.desc()).limit(PAGE_SIZE + 1)
    if form.validate() and form.q.data:
        term = f"%{form.q.data.strip().lower()}%"
        query = query.where(or_(User.email.ilike(term), User.name.ilike(term)))
    if (before := _before_id()) is not None:
        query = query.where(User.id < before)
    users = db.session.scalars(query).all()
    more = len(users) > PAGE_SIZE
    return render_template("staff/people.html", form=form, users=users[:PAGE_SIZE],
                           next_before=users[PAGE_SIZE - 1].id if more else None)


@bp.route("/people/<int:user_id>/role", methods=["GET", "POST"])
@admin_required
def change_role(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = RoleForm(role=user.role)
    if form.validate_on_submit():
        if user.id == current_user.id:
            form.role.errors = ["You cannot change your own role; ask another admin."]
        else:
            old = user.role
            user.role = form.role.data
            user.session_version += 1  # the new role applies from their next sign-in
            audit.record(db.session, actor=current_user, action="account.role_changed", target=user,
                         ip_address=client_ip(), old=old, new=user.role, reason=form.reason.data)
            db.session.commit()
            flash(f"{user.name} is now {user.role}.", "success")
            return redirect(url_for("staff.people"))
    return render_template("staff/change_role.html", form=form, person=user)
