"""Public petition pages: the list, a petition, signing, confirming, and proposing."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from blueprints.core.form_errors import show_error as _field_error
from blueprints.core.same_origin import same_origin_posts
from blueprints.petitions import bp, page_cache
from blueprints.petitions.forms import (
    ConfirmForm,
    PetitionListForm,
    ProposeForm,
    SignForm,
    signature_fields,
)
from blueprints.petitions.presenting import petition_view
from extensions import client_ip, db
from models.base import utcnow
from models.petitions import Petition
from rules.petitions.lifecycle import PetitionState
from services import metrics
from services.petitions import PetitionError, counting, responses, signing
from services.petitions.moderation import PetitionText, may_propose, propose

LIST_LIMIT = 100
TABS = {"open": "Open", "closed": "Closed", "responded": "Responded"}




def listed(tab: str, q: str):
    """A select() of the public petitions in one tab of the list."""
    now = utcnow()
    query = select(Petition)
    if tab == "open":
        query = query.where(Petition.stored_state == PetitionState.OPEN,
                            Petition.opens_at <= now, Petition.closes_at > now)
    elif tab == "closed":
        query = query.where(or_(Petition.stored_state == PetitionState.CLOSED,
                                (Petition.stored_state == PetitionState.OPEN)
                                & (Petition.closes_at <= now)))
    else:
        query = query.where(Petition.responded_at.is_not(None),
                            Petition.stored_state.in_([PetitionState.OPEN, PetitionState.CLOSED]))
    if q:
        term = f"%{q.strip()}%"
        query = query.where(or_(Petition.action.ilike(term), Petition.background.ilike(term)))
    return query


@bp.get("/")
def index():
    tab = request.args.get("state", "open")
    if tab not in TABS:
        tab = "open"
    form = PetitionListForm(request.args)
    q = form.q.data.strip() if form.validate() and form.q.data else ""
    petitions = db.session.scalars(
        listed(tab, q).order_by(Petition.opens_at.desc()).limit(LIST_LIMIT)).all()
    totals = counting.cached_totals(db.session)
    if form.sort.data != "newest":
        petitions = sorted(petitions, key=lambda p: -totals.get(p.id, 0))
    return render_template("petitions/index.html", petitions=petitions, totals=totals, tab=tab,
                           tabs=TABS, form=form, q=q)


def _visible(petition: Petition | None) -> Petition:
    """404 unless the public (or, for pending ones, the proposer) may see it."""
    if petition is None:
        abort(404)
    state = petition.state
    if state in (PetitionState.OPEN, PetitionState.CLOSED, PetitionState.REJECTED):
        return petition
    if current_user.is_staff:
        return petition
    if (state is PetitionState.PENDING and current_user.is_authenticated
            and petition.created_by_id == current_user.id):
        return petition
    abort(404)


@bp.route("/<int:petition_id>", methods=["GET", "POST"], endpoint="show")
@same_origin_posts
def show(petition_id: int):
    if request.method == "POST":
        return _sign(petition_id)
    # What visitors without a session see is drawn once and reused while the count holds.
    return page_cache.page(petition_id, lambda petition: render_template(
        "petitions/show.html", form=SignForm(), **petition_view(db.session, petition)), _visible)


def _sign(petition_id: int):
    """The signing form's post: on PostgreSQL one statement, without loading the petition.

    The service checks every field (signing.sign raises SigningError naming the field),
    so a good signature needs no form object; the form is built only to show what was
    wrong, with its own messages for the fields and the service's refusal.
    """
    try:
        result = signing.sign(db.session, petition_id, **signature_fields(request.form),
                              ip_address=client_ip())
    except PetitionError as error:
        db.session.rollback()
        form = SignForm()
        form.validate()
        named = getattr(form, getattr(error, "field", None) or "", None)
        if named is None or not named.errors:
            _field_error(form, error)
        petition = _visible(db.session.get(Petition, petition_id))
        return render_template("petitions/show.html", form=form,
                               **petition_view(db.session, petition)), 400
    db.session.commit()
    metrics.SIGNATURES.labels("duplicate" if result.duplicate else "signed").inc()
    return redirect(url_for("petitions.check_email", petition_id=petition_id), 303)


@bp.get("/<int:petition_id>/check-your-email")
def check_email(petition_id: int):
    return page_cache.page(petition_id, lambda petition: render_template(
        "petitions/check_email.html", petition=petition), _visible, kind="check-email")


@bp.get("/<int:petition_id>/thank-you")
def thanks(petition_id: int):
    """Where a confirmation lands: the same page for everyone, so it is drawn once."""
    return page_cache.page(petition_id, lambda petition: render_template(
        "petitions/thanks.html", **petition_view(db.session, petition)), _visible, kind="thanks")


def _link_problem(error: PetitionError):
    return render_template("petitions/link_problem.html", reason=str(error)), 400


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@same_origin_posts
def confirm(token: str):
    if request.method == "POST":
        return _confirm(token)
    # A GET (or a mail scanner following the link) only shows the button; it confirms nothing.
    try:
        signature = signing.signature_for_token(db.session, token)
    except signing.ConfirmationError as error:
        return _link_problem(error)
    if signature.status != "pending":
        return _link_problem(signing.ConfirmationError(
            "This signature is already confirmed; it is counted once."
            if signature.status == "confirmed" else
            "This signature has been removed and cannot be confirmed."))
    petition = db.session.get(Petition, signature.petition_id)
    if petition.state not in (PetitionState.OPEN, PetitionState.CLOSED):
        # Hidden (or otherwise not public): its title is not shown to anyone holding a link.
        return _link_problem(signing.ConfirmationError(signing.NOT_OPEN))
    return render_template("petitions/confirm.html", form=ConfirmForm(), petition=petition)


def _confirm(token: str):
    """The confirmation button's post: the signed token in the link says which signature."""
    try:
        confirmed = signing.confirm(db.session, token)
    except signing.ConfirmationError as error:
        db.session.rollback()
        return _link_problem(error)
    db.session.commit()
    metrics.SIGNATURES.labels("confirmed").inc()
    if confirmed.unmarked_thresholds and responses.notice_after_confirming(
            db.session, confirmed.petition_id, confirmed.unmarked_thresholds).announced:
        db.session.commit()
    return redirect(url_for("petitions.thanks", petition_id=confirmed.petition_id), 303)


@bp.route("/propose", methods=["GET", "POST"])
@login_required
def propose_petition():
    if not may_propose(db.session, current_user):
        return render_template("petitions/cannot_propose.html"), 403
    form = ProposeForm()
    if form.validate_on_submit():
        try:
            petition = propose(db.session, current_user, PetitionText(
                action=form.action.data, background=form.background.data,
                details=form.details.data, target=form.target.data))
        except PetitionError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Thank you. Staff will review your petition; we will show the outcome on your "
                  "account page.", "success")
            return redirect(url_for("petitions.show", petition_id=petition.id))
    return render_template("petitions/propose.html", form=form)
