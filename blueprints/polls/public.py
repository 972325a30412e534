"""Public polls: respond with an email address, then confirm from the email."""

from flask import flash, make_response, redirect, render_template, request, url_for

from blueprints.core.cache_rules import personal_page
from blueprints.polls import bp
from blueprints.polls.ballot_form import read_answers, sticky
from blueprints.polls.forms import PublicResponseForm
from blueprints.polls.views import _render_poll, ballot_kind, visible_poll
from extensions import db
from services import metrics
from services.links import external_url
from services.polls import PollError, public, voting
from services.tokens import TokenError, make_token, read_token

COOKIE = "poll-responded-{}"


def _responded(poll_id: int) -> bool:
    token = request.cookies.get(COOKIE.format(poll_id))
    if not token:
        return False
    try:
        return read_token("poll-browser", token, max_age=400 * 86400).get("poll") == poll_id
    except TokenError:
        return False


@bp.post("/<int:poll_id>/respond")
def respond(poll_id: int):
    poll = visible_poll(poll_id)
    if _responded(poll.id):
        flash("This browser has already responded to this poll.", "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    form = PublicResponseForm()
    answers, problems = read_answers(poll, request.form)
    if not form.validate_on_submit() or problems:
        return _render_poll(poll, problems, sticky(poll, request.form), form=form, status=400)
    try:
        public.request_confirmation(
            db.session, poll, email=form.email.data, answers=answers,
            confirm_url=lambda token: external_url("polls.confirm_response", poll_id=poll.id,
                                                   token=token))
    except voting.BallotError as error:
        db.session.rollback()
        return _render_poll(poll, error.errors, sticky(poll, request.form), form=form, status=400)
    except PollError as error:
        db.session.rollback()
        if error.field == "email":
            form.email.errors.append(str(error))
            return _render_poll(poll, {}, sticky(poll, request.form), form=form, status=400)
        flash(str(error), "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    db.session.commit()
    response = make_response(redirect(url_for("polls.check_email", poll_id=poll.id)))
    response.set_cookie(COOKIE.format(poll.id), make_token("poll-browser", {"poll": poll.id}),
                        max_age=400 * 86400, httponly=True, samesite="Lax",
                        secure=request.is_secure)
    return response


@bp.get("/<int:poll_id>/check-email")
def check_email(poll_id: int):
    return render_template("polls/check_email.html", poll=visible_poll(poll_id))


@bp.route("/<int:poll_id>/confirm/<token>", methods=["GET", "POST"])
@personal_page
def confirm_response(poll_id: int, token: str):
    poll = visible_poll(poll_id)
    if request.method == "GET":
        try:
            public.read_response(poll, token)
        except (TokenError, PollError) as error:
            return render_template("polls/link_problem.html", poll=poll, reason=str(error)), 400
        return render_template("polls/confirm_response.html", poll=poll, form=PublicResponseForm())
    try:
        code = public.confirm_response(db.session, poll, token)
    except (TokenError, PollError) as error:
        db.session.rollback()
        return render_template("polls/link_problem.html", poll=poll, reason=str(error)), 400
    db.session.commit()
    metrics.BALLOTS.labels(ballot_kind(poll)).inc()
    return render_template("polls/receipt.html", poll=poll, code=code)
