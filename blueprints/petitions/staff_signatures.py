"""Staff pages for a petition's signatures: search, bulk invalidation with a preview,
releasing held signatures, and the CSV export."""

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from blueprints.core.guards import staff_required
from blueprints.petitions import staff_bp
from blueprints.petitions.forms import BulkActionForm, SignatureSearchForm
from extensions import client_ip, db
from models.petitions import Petition, Signature
from rules.numbers import whole_number
from services import audit
from services.petitions import PetitionError, abuse
from services.petitions.areas import area_name
from services.petitions.export import signature_csv

SHOWN = 50


def _criteria(form) -> abuse.SignatureFilter:
    return abuse.SignatureFilter(
        email_domain=form.email_domain.data or "", ip_address=form.ip_address.data or "",
        postcode_area=form.postcode_area.data or "", signed_from=form.signed_from.data,
        signed_to=form.signed_to.data, held_only=bool(form.held_only.data),
        duplicates_only=bool(form.duplicates_only.data))


def _petition(petition_id: int) -> Petition:
    return db.session.get(Petition, petition_id) or abort(404)


def _render(petition: Petition, form, criteria: abuse.SignatureFilter | None, status: int = 200):
    rows, count = [], None
    if criteria is not None:
        try:
            count = abuse.preview_count(db.session, petition, criteria)
            rows = db.session.scalars(abuse.matching(petition, criteria)
                                      .order_by(Signature.id.desc()).limit(SHOWN)).all()
        except PetitionError as error:
            getattr(form, error.field or "email_domain").errors = [str(error)]
            status = 400
    bulk = BulkActionForm(formdata=None, data={**vars(criteria or abuse.SignatureFilter()),
                                               "expected": count})
    return render_template("petitions/staff/signatures.html", petition=petition, form=form,
                           rows=rows, count=count, bulk=bulk, area_name=area_name,
                           searched=criteria is not None and bool(criteria.describe())), status


@staff_bp.get("/<int:petition_id>/signatures")
@staff_required
def signatures(petition_id: int):
    petition = _petition(petition_id)
    form = SignatureSearchForm(request.args)
    criteria = _criteria(form) if request.args and form.validate() else None
    return _render(petition, form, criteria, 200 if not form.errors else 400)


@staff_bp.post("/<int:petition_id>/signatures/invalidate")
@staff_required
def invalidate(petition_id: int):
    petition = _petition(petition_id)
    form = BulkActionForm()
    expected = whole_number(form.expected.data)
    if not form.validate_on_submit() or expected is None:
        return _render(petition, form, None, 400)
    criteria = _criteria(form)
    try:
        gone = abuse.invalidate(db.session, current_user, petition, criteria,
                                expected=expected, ip_address=client_ip())
    except PetitionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _render(petition, form, criteria, 409)
    db.session.commit()
    flash(f"{gone:,} signatures invalidated; the count follows within a few seconds.", "success")
    return redirect(url_for("petitions_staff.signatures", petition_id=petition.id))


@staff_bp.post("/<int:petition_id>/signatures/release")
@staff_required
def release(petition_id: int):
    petition = _petition(petition_id)
    form = BulkActionForm()
    if not form.validate_on_submit():
        return _render(petition, form, None, 400)
    try:
        released = abuse.release(db.session, current_user, petition, _criteria(form),
                                 ip_address=client_ip())
    except PetitionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("petitions_staff.signatures", petition_id=petition.id))
    db.session.commit()
    flash(f"{released:,} held signatures released; confirmed ones now count.", "success")
    return redirect(url_for("petitions_staff.signatures", petition_id=petition.id))


@staff_bp.get("/<int:petition_id>/signatures.csv")
@staff_required
def export(petition_id: int):
    petition = _petition(petition_id)
    audit.record(db.session, actor=current_user, action="petition.signatures_exported",
                 target=petition, ip_address=client_ip())
    db.session.commit()
    filename = f"petition-{petition.id}-signatures.csv"
    # The rows are read while the response is sent, after the view has returned: the
    # request's context (and its database session) must stay for the whole body.
    return Response(stream_with_context(signature_csv(db.session, petition)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
