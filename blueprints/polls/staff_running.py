"""Staff pages for running a poll: open, close, extend, late joiners, results, BLT in and out."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from blueprints.core.guards import staff_required
from blueprints.core.uk_time import to_utc
from blueprints.polls import staff_bp
from blueprints.polls.forms import ExtendForm, LateJoinerForm
from blueprints.polls.staff import _done, _poll, _question, import_form_for, render_manage
from extensions import client_ip, db
from services import audit
from services.polls import PollError, elections, running
from services.polls.breakdowns import results_and_breakdowns


@staff_bp.post("/<int:poll_id>/open")
@staff_required
def open_now(poll_id: int):
    poll = _poll(poll_id)
    return _done(poll.id, lambda: running.open_poll(db.session, poll, actor=current_user,
                                                    ip_address=client_ip()),
                 "The poll is open. Its questions can no longer change.")


@staff_bp.post("/<int:poll_id>/close")
@staff_required
def close_now(poll_id: int):
    poll = _poll(poll_id)
    return _done(poll.id, lambda: running.close_poll(db.session, poll, actor=current_user,
                                                     ip_address=client_ip()), "The poll is closed.")


@staff_bp.post("/<int:poll_id>/extend")
@staff_required
def extend(poll_id: int):
    poll = _poll(poll_id)
    form = ExtendForm()
    if form.validate_on_submit():
        try:
            running.extend_poll(db.session, poll, actor=current_user,
                                closes_at=to_utc(form.closes_at.data), ip_address=client_ip())
        except PollError as error:
            db.session.rollback()
            form.closes_at.errors = [str(error)]
        else:
            db.session.commit()
            flash("The closing time is extended.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll.id))
    return render_manage(poll, extend_form=form, status=400)


@staff_bp.post("/<int:poll_id>/late-joiners")
@staff_required
def allow_late_joiner(poll_id: int):
    poll = _poll(poll_id)
    form = LateJoinerForm()
    if form.validate_on_submit():
        try:
            running.allow_late_joiner(db.session, poll, actor=current_user, email=form.email.data,
                                      ip_address=client_ip())
        except PollError as error:
            db.session.rollback()
            form.email.errors = [str(error)]
        else:
            db.session.commit()
            flash("That member may now vote in this poll.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll.id))
    return render_manage(poll, late_form=form, status=400)


@staff_bp.get("/<int:poll_id>/results")
@staff_required
def results(poll_id: int):
    poll = _poll(poll_id)
    if not running.results_visible(poll):
        voted, eligible = running.turnout_figures(db.session, poll)
        return render_template("polls/staff/turnout.html", poll=poll, voted=voted,
                               eligible=eligible)
    results, tables = results_and_breakdowns(db.session, poll)
    return render_template("polls/results.html", poll=poll, results=results, breakdowns=tables,
                           show_texts=True, staff_view=True)


@staff_bp.post("/<int:poll_id>/free-text/<any(publish,withdraw):choice>")
@staff_required
def publish_free_text(poll_id: int, choice: str):
    poll = _poll(poll_id)
    poll.publish_free_text = choice == "publish"
    audit.record(db.session, actor=current_user, action=f"poll.free_text_{choice}", target=poll,
                 ip_address=client_ip())
    db.session.commit()
    flash("Free-text answers are now " + ("published with the results." if choice == "publish"
                                          else "for staff only."), "success")
    return redirect(url_for("polls_staff.results", poll_id=poll.id))


@staff_bp.post("/<int:poll_id>/questions/<int:question_id>/import")
@staff_required
def import_blt(poll_id: int, question_id: int):
    question = _question(poll_id, question_id)
    form = import_form_for(question.id)
    if form.validate_on_submit():
        raw = form.file.data.read(20_000_000)
        try:
            text = raw.decode("utf-8-sig")
            papers = elections.import_blt(db.session, question, text, actor=current_user,
                                          ip_address=client_ip())
        except UnicodeDecodeError:
            db.session.rollback()
            form.file.errors = ["The file must be text (UTF-8)."]
        except PollError as error:
            db.session.rollback()
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{papers} paper ballots imported.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll_id))
    return render_manage(question.poll, import_form=form, import_question=question.id, status=400)


@staff_bp.get("/<int:poll_id>/questions/<int:question_id>/ballots.blt")
@staff_required
def export_blt(poll_id: int, question_id: int):
    question = _question(poll_id, question_id)
    if question.kind != "ranked" or running.state(question.poll) != "closed":
        abort(404)
    try:
        body = elections.export_blt(db.session, question)
    except PollError as error:
        flash(str(error), "error")
        return redirect(url_for("polls_staff.manage", poll_id=poll_id))
    audit.record(db.session, actor=current_user, action="poll.ballots_exported",
                 target=question.poll, ip_address=client_ip(), question=question.id)
    db.session.commit()
    return Response(body, mimetype="text/plain", headers={
        "Content-Disposition": f'attachment; filename="poll-{poll_id}-question-{question_id}.blt"'})
