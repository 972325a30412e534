"""The staff workflow steps: review, approval, publication, revision, superseding, withdrawal."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.core.guards import staff_required
from blueprints.statements import editor_bp
from blueprints.statements.editor import desk, field_error, statement_or_404
from blueprints.statements.forms import (
    ActionForm,
    ApproveForm,
    NoteForm,
    ReviseForm,
    ScheduleForm,
    SupersedeForm,
    WithdrawForm,
)
from extensions import client_ip, db
from models.statements import Statement
from rules.statements.workflow import State
from services.statements import workflow
from services.statements.errors import StatementError
from services.statements.evidence import render_statement_body


def _back(statement: Statement):
    return redirect(url_for("statement_editor.view", statement_id=statement.id))


def _run(statement: Statement, form, step, success: str, *, form_name: str | None = None):
    """Validate a step's form, run the step, commit, and say how it went.

    A form with fields to fill in (``form_name``, as the desk calls it) that is refused,
    by its own checks or by the service, is shown again at once, with its messages at
    the fields and what was chosen and typed kept, so pressing the button again does
    the same thing. A bare button's refusal is a message on the desk.
    """
    if form.validate_on_submit():
        try:
            step()
            db.session.commit()
            flash(success, "success")
            return _back(statement)
        except StatementError as error:
            db.session.rollback()
            if form_name is None:
                flash(str(error), "error")
                return _back(statement)
            field_error(form, error, aliases={"publish_at": "publish_date"})
    elif form_name is None:
        for errors in form.errors.values():
            flash(errors[0], "error")
        return _back(statement)
    return desk(statement, status=400, **{form_name: form})


@editor_bp.post("/<int:statement_id>/submit")
@staff_required
def submit(statement_id: int):
    statement = statement_or_404(statement_id)
    return _run(statement, ActionForm(), lambda: workflow.submit_for_review(
        db.session, statement, actor=current_user, ip_address=client_ip()),
        "Sent for review. Another member of staff must approve it.")


@editor_bp.post("/<int:statement_id>/return")
@staff_required
def return_to_draft(statement_id: int):
    statement = statement_or_404(statement_id)
    form = NoteForm()
    return _run(statement, form, lambda: workflow.return_to_draft(
        db.session, statement, actor=current_user, note=form.note.data or "",
        ip_address=client_ip()), "Returned to draft.", form_name="note_form")


@editor_bp.post("/<int:statement_id>/approve")
@staff_required
def approve(statement_id: int):
    statement = statement_or_404(statement_id)
    form = ApproveForm()

    def step():
        workflow.approve(db.session, statement, approver=current_user, ip_address=client_ip())
        if form.when.data == "now":
            workflow.publish(db.session, statement, actor=current_user, ip_address=client_ip())
        elif form.when.data == "schedule":
            workflow.schedule(db.session, statement, actor=current_user,
                              publish_at=form.publish_at(), ip_address=client_ip())

    message = {"now": "Approved and published.", "schedule": "Approved and scheduled."}.get(
        form.when.data, "Approved. It can now be published.")
    return _run(statement, form, step, message, form_name="approve_form")


@editor_bp.post("/<int:statement_id>/publish")
@staff_required
def publish(statement_id: int):
    statement = statement_or_404(statement_id)
    return _run(statement, ActionForm(), lambda: workflow.publish(
        db.session, statement, actor=current_user, ip_address=client_ip()), "Published.")


@editor_bp.post("/<int:statement_id>/schedule")
@staff_required
def schedule(statement_id: int):
    statement = statement_or_404(statement_id)
    form = ScheduleForm()
    return _run(statement, form, lambda: workflow.schedule(
        db.session, statement, actor=current_user, publish_at=form.publish_at(),
        ip_address=client_ip()), "Scheduled for publication.", form_name="schedule_form")


@editor_bp.route("/<int:statement_id>/revise", methods=["GET", "POST"])
@staff_required
def revise(statement_id: int):
    statement = statement_or_404(statement_id)
    if statement.state != State.PUBLISHED:
        flash("Only a published statement can be revised.", "info")
        return _back(statement)
    form = ReviseForm(obj=statement) if request.method == "GET" else ReviseForm()
    if request.method == "GET":
        form.topics.data = ", ".join(t.label for t in statement.topics)
    preview = None
    if request.form.get("action") == "preview":
        preview = render_statement_body(db.session, form.body.data or "", heading_offset=2)
    elif form.validate_on_submit():
        try:
            revision = workflow.revise(db.session, statement, form.text(), actor=current_user,
                                       change_note=form.change_note.data,
                                       ip_address=client_ip())
            db.session.commit()
            flash(f"Revision {revision.number} published.", "success")
            return _back(statement)
        except StatementError as error:
            db.session.rollback()
            field_error(form, error)
    return render_template("statements/staff/revise.html", form=form, statement=statement,
                           preview=preview)


@editor_bp.route("/<int:statement_id>/supersede", methods=["GET", "POST"])
@staff_required
def supersede(statement_id: int):
    statement = statement_or_404(statement_id)
    form = SupersedeForm()
    candidates = db.session.scalars(select(Statement).where(
        Statement.state == State.PUBLISHED, Statement.id != statement.id)
        .order_by(Statement.first_published_at.desc()).limit(200)).all()
    form.replacement.choices = [(0, "Choose a statement")] + [(s.id, s.title) for s in candidates]
    if form.validate_on_submit():
        try:
            newer = db.session.get(Statement, form.replacement.data)
            if newer is None:
                raise StatementError("Choose the statement that replaces this one.",
                                     "replacement")
            workflow.supersede(db.session, statement, by=newer, actor=current_user,
                               note=form.note.data or "", ip_address=client_ip())
            db.session.commit()
            flash("Marked as superseded; both statements link to each other.", "success")
            return _back(statement)
        except StatementError as error:
            db.session.rollback()
            field_error(form, error)
    return render_template("statements/staff/supersede.html", form=form, statement=statement)


@editor_bp.route("/<int:statement_id>/withdraw", methods=["GET", "POST"])
@staff_required
def withdraw(statement_id: int):
    statement = statement_or_404(statement_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            workflow.withdraw(db.session, statement, actor=current_user, note=form.note.data,
                              ip_address=client_ip())
            db.session.commit()
            flash("Withdrawn. The text stays readable, marked as withdrawn.", "success")
            return _back(statement)
        except StatementError as error:
            db.session.rollback()
            field_error(form, error)
    return render_template("statements/staff/withdraw.html", form=form, statement=statement)
