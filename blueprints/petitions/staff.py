"""Staff petition pages: the list with threshold notices, creating, moderating, editing
under a lock, and publishing the response."""

from datetime import UTC, date, datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from blueprints.core.guards import staff_required
from blueprints.petitions import page_cache, staff_bp
from blueprints.petitions.forms import (
    ActionForm,
    EditPetitionForm,
    ReasonForm,
    RespondForm,
    StaffPetitionForm,
)
from blueprints.petitions.presenting import petition_view
from blueprints.petitions.public import _field_error
from extensions import client_ip, db
from models.petitions import Petition
from rules.petitions.lifecycle import PetitionState
from services.petitions import PetitionError, counting, moderation, responses
from services.petitions.moderation import PetitionSettings, PetitionText


@staff_bp.after_request
def _forget_cached_pages(response):
    """After a staff change to a petition, this worker shows it at once (others within seconds)."""
    petition_id = (request.view_args or {}).get("petition_id")
    if request.method == "POST" and petition_id is not None:
        page_cache.forget(petition_id)
    return response


def _petition(petition_id: int) -> Petition:
    return db.session.get(Petition, petition_id) or abort(404)


def _moment(day: date | None) -> datetime | None:
    return datetime.combine(day, time(0), tzinfo=UTC) if day else None


@staff_bp.get("/")
@staff_required
def index():
    petitions = db.session.scalars(select(Petition).order_by(Petition.id.desc()).limit(300)).all()
    totals = counting.cached_totals(db.session)
    notices = db.session.scalars(select(Petition).where(
        or_(Petition.response_threshold_passed_at.is_not(None),
            Petition.debate_threshold_passed_at.is_not(None)),
        Petition.responded_at.is_(None)).order_by(Petition.id)).all()
    pending = [p for p in petitions if p.stored_state == PetitionState.PENDING and not p.opens_at]
    return render_template("petitions/staff/index.html", petitions=petitions, totals=totals,
                           notices=notices, pending=pending)


@staff_bp.route("/new", methods=["GET", "POST"])
@staff_required
def new():
    form = StaffPetitionForm()
    if form.validate_on_submit():
        try:
            petition = moderation.create(
                db.session, current_user, PetitionText(form.action.data, form.background.data,
                                                       form.details.data, form.target.data),
                opens_at=_moment(form.opens_on.data), closes_at=_moment(form.closes_on.data),
                ip_address=client_ip())
        except PetitionError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("The petition is published.", "success")
            return redirect(url_for("petitions_staff.detail", petition_id=petition.id))
    return render_template("petitions/staff/new.html", form=form)


@staff_bp.get("/<int:petition_id>")
@staff_required
def detail(petition_id: int):
    return _detail_page(_petition(petition_id))


def _detail_page(petition: Petition, *, reason_form=None, respond_form=None, status: int = 200):
    """The petition's staff page; with a refused form, that form again with its messages."""
    return render_template(
        "petitions/staff/detail.html", action_form=ActionForm(),
        reason_form=reason_form or ReasonForm(formdata=None),
        respond_form=respond_form or RespondForm(formdata=None, response=petition.response_text),
        lock_holder=moderation.lock_holder(petition),
        **petition_view(db.session, petition)), status


def _done(petition: Petition, message: str):
    db.session.commit()
    counting.forget(petition.id)
    flash(message, "success")
    return redirect(url_for("petitions_staff.detail", petition_id=petition.id))


def _refused(petition: Petition, error: PetitionError):
    db.session.rollback()
    flash(str(error), "error")
    return redirect(url_for("petitions_staff.detail", petition_id=petition.id))


@staff_bp.post("/<int:petition_id>/approve")
@staff_required
def approve(petition_id: int):
    petition = _petition(petition_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        moderation.approve(db.session, current_user, petition, ip_address=client_ip())
    except PetitionError as error:
        return _refused(petition, error)
    return _done(petition, "The petition is open for signatures.")


@staff_bp.post("/<int:petition_id>/reject")
@staff_required
def reject(petition_id: int):
    return _with_reason(petition_id, moderation.reject, "The petition is rejected.")


@staff_bp.post("/<int:petition_id>/hide")
@staff_required
def hide(petition_id: int):
    return _with_reason(petition_id, moderation.hide, "The petition is hidden from the public.")


def _with_reason(petition_id: int, operation, message: str):
    petition = _petition(petition_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _detail_page(petition, reason_form=form, status=400)
    try:
        operation(db.session, current_user, petition, form.reason.data, ip_address=client_ip())
    except PetitionError as error:
        return _refused(petition, error)
    return _done(petition, message)


@staff_bp.post("/<int:petition_id>/restore")
@staff_required
def restore(petition_id: int):
    petition = _petition(petition_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        moderation.restore(db.session, current_user, petition, ip_address=client_ip())
    except PetitionError as error:
        return _refused(petition, error)
    return _done(petition, "The petition is restored.")


@staff_bp.post("/<int:petition_id>/respond")
@staff_required
def respond(petition_id: int):
    petition = _petition(petition_id)
    form = RespondForm()
    if not form.validate_on_submit():
        return _detail_page(petition, respond_form=form, status=400)
    try:
        responses.respond(db.session, current_user, petition, form.response.data,
                          ip_address=client_ip())
        # Small petitions are mailed at once; `flask petitions mail-responses` does the rest.
        responses.mail_response(db.session, petition, limit=100)
    except PetitionError as error:
        return _refused(petition, error)
    return _done(petition, "The response is published and is being emailed to signers.")


@staff_bp.post("/<int:petition_id>/lock")
@staff_required
def lock(petition_id: int):
    petition = _petition(petition_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        moderation.take_lock(db.session, current_user, petition)
    except PetitionError as error:
        return _refused(petition, error)
    db.session.commit()
    return redirect(url_for("petitions_staff.edit", petition_id=petition.id))


@staff_bp.post("/<int:petition_id>/unlock")
@staff_required
def unlock(petition_id: int):
    petition = _petition(petition_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    moderation.release_lock(db.session, current_user, petition)
    db.session.commit()
    return redirect(url_for("petitions_staff.detail", petition_id=petition.id))


def _edit_form(petition: Petition) -> EditPetitionForm:
    return EditPetitionForm(
        action=petition.action, background=petition.background, details=petition.details,
        target=petition.target, opens_on=petition.opens_at.date() if petition.opens_at else None,
        closes_on=petition.closes_at.date() if petition.closes_at else None,
        response_threshold=petition.response_threshold,
        debate_threshold=petition.debate_threshold, rate_short_max=petition.rate_short_max,
        rate_short_minutes=petition.rate_short_minutes, rate_long_max=petition.rate_long_max,
        rate_long_minutes=petition.rate_long_minutes, anonymise_exempt=petition.anonymise_exempt)


@staff_bp.route("/<int:petition_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(petition_id: int):
    petition = _petition(petition_id)
    holder = moderation.lock_holder(petition)
    if holder != current_user.id:
        flash(moderation.lock_message(petition) if holder else
              "Choose “Edit” to take the edit lock first.", "error")
        return redirect(url_for("petitions_staff.detail", petition_id=petition.id))
    form = EditPetitionForm() if request.method == "POST" else _edit_form(petition)
    if form.validate_on_submit():
        try:
            moderation.edit(
                db.session, current_user, petition,
                PetitionText(form.action.data, form.background.data, form.details.data,
                             form.target.data),
                PetitionSettings(
                    opens_at=_keep_time(petition.opens_at, form.opens_on.data),
                    closes_at=_keep_time(petition.closes_at, form.closes_on.data),
                    response_threshold=form.response_threshold.data,
                    debate_threshold=form.debate_threshold.data,
                    rate_short_max=form.rate_short_max.data,
                    rate_short_minutes=form.rate_short_minutes.data,
                    rate_long_max=form.rate_long_max.data,
                    rate_long_minutes=form.rate_long_minutes.data,
                    anonymise_exempt=form.anonymise_exempt.data),
                ip_address=client_ip())
        except PetitionError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            return _done(petition, "Your changes are saved.")
    return render_template("petitions/staff/edit.html", form=form, petition=petition,
                           unlock_form=ActionForm())


def _keep_time(current: datetime | None, day: date | None) -> datetime | None:
    """A date from the form, at the time of day the petition already had (or midnight)."""
    if day is None:
        return None
    if current is not None and current.date() == day:
        return current
    return _moment(day)
