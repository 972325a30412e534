"""The staff editor: the list of statements, writing and previewing drafts, one statement's desk."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from blueprints.core.date_fields import fill
from blueprints.core.form_errors import show_error as field_error
from blueprints.core.guards import staff_required
from blueprints.core.uk_time import to_local
from blueprints.statements import editor_bp
from blueprints.statements.forms import (
    ActionForm,
    ApproveForm,
    DraftForm,
    NoteForm,
    ScheduleForm,
)
from extensions import client_ip, db
from models.statements import Statement
from rules.statements.workflow import State, allowed_actions, may_approve, state_label
from services.statements import editing, participation, reading
from services.statements.errors import StatementError
from services.statements.evidence import render_statement_body

PAGE_SIZE = 50
MAX_PREVIEW = 60_000


def statement_or_404(statement_id: int) -> Statement:
    return db.session.get(Statement, statement_id) or abort(404)




@editor_bp.get("/")
@staff_required
def index():
    state = request.args.get("state") or None
    rows = db.session.scalars(reading.staff_statements(state).limit(PAGE_SIZE)).all()
    return render_template("statements/staff/index.html", statements=rows, state=state,
                           states=[(s.value, state_label(s)) for s in State])


def _editor(form: DraftForm, statement: Statement | None):
    preview = None
    if request.method == "POST" and request.form.get("action") == "preview":
        preview = render_statement_body(db.session, form.body.data or "", heading_offset=2)
    return render_template("statements/staff/edit.html", form=form, statement=statement,
                           preview=preview)


@editor_bp.route("/new", methods=["GET", "POST"])
@staff_required
def new():
    form = DraftForm()
    if request.form.get("action") != "preview" and form.validate_on_submit():
        try:
            statement = editing.create_draft(db.session, form.text(), author=current_user,
                                             ip_address=client_ip())
            db.session.commit()
            flash("Draft saved.", "success")
            return redirect(url_for("statement_editor.view", statement_id=statement.id))
        except StatementError as error:
            db.session.rollback()
            field_error(form, error)
    return _editor(form, None)


@editor_bp.route("/<int:statement_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(statement_id: int):
    statement = statement_or_404(statement_id)
    if statement.state != State.DRAFT:
        flash("Only a draft can be edited.", "info")
        return redirect(url_for("statement_editor.view", statement_id=statement.id))
    form = DraftForm(obj=statement) if request.method == "GET" else DraftForm()
    if request.method == "GET":
        form.topics.data = ", ".join(t.label for t in statement.topics)
        form.consultation_opens_at.data = to_local(statement.consultation_opens_at)
        form.consultation_closes_at.data = to_local(statement.consultation_closes_at)
    if request.form.get("action") != "preview" and form.validate_on_submit():
        try:
            editing.edit_draft(db.session, statement, form.text(), editor=current_user,
                               ip_address=client_ip())
            db.session.commit()
            flash("Draft saved.", "success")
            return redirect(url_for("statement_editor.view", statement_id=statement.id))
        except StatementError as error:
            db.session.rollback()
            field_error(form, error)
    return _editor(form, statement)


@editor_bp.post("/preview")
@staff_required
def preview():
    """The rendered body for the editor's live preview (the form's CSRF token is checked)."""
    body = request.form.get("body", "")[:MAX_PREVIEW]
    return jsonify(html=str(render_statement_body(db.session, body, heading_offset=2)))


@editor_bp.get("/<int:statement_id>")
@staff_required
def view(statement_id: int):
    return desk(statement_or_404(statement_id))


def desk(statement: Statement, *, status: int = 200, **refused):
    """One statement's desk; a refused step's form (``approve_form=`` and so on) is shown
    again with its messages and what was typed, with the given status."""
    comments = db.session.scalars(participation.comments_query(statement).limit(500)).all()
    forms = {"approve_form": ApproveForm(formdata=None), "note_form": NoteForm(formdata=None),
             "schedule_form": ScheduleForm(formdata=None)}
    fill(forms["schedule_form"].publish_date, forms["schedule_form"].publish_time,
         to_local(statement.publish_at))
    forms.update(refused)
    return render_template(
        "statements/staff/view.html", statement=statement, comments=comments,
        actions=[a.value for a in allowed_actions(statement.state)],
        body_html=render_statement_body(db.session, statement.body, heading_offset=2),
        may_approve=may_approve(author_id=statement.author_id, approver_id=current_user.id),
        in_consultation=participation.in_consultation(statement),
        endorsements=participation.endorsement_count(db.session, statement),
        form=ActionForm(), refused=next(iter(refused.values()), None), **forms), status
