"""Member pages: the list of polls, voting, the receipt, published receipts and results."""

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.core.cache_rules import personal_page
from blueprints.polls import bp
from blueprints.polls.ballot_form import error_links, read_answers, sticky
from blueprints.polls.forms import PublicResponseForm
from extensions import db
from models.polls import Poll, PollStatus
from services import metrics
from services.polls import PollError, running, voting
from services.polls.breakdowns import results_and_breakdowns
from services.polls.export import results_csv


def visible_poll(poll_id: int) -> Poll:
    """The poll, or 404 while it is a draft (staff see drafts through the preview)."""
    poll = db.session.get(Poll, poll_id)
    if poll is None or poll.status == PollStatus.DRAFT:
        abort(404)
    return poll


def ballot_kind(poll: Poll) -> str:
    """The `kind` label of platform_ballots_total: election, poll (members) or public."""
    if poll.is_public:
        return "public"
    return "election" if any(q.is_election for q in poll.questions) else "poll"


@bp.get("/")
def index():
    polls = db.session.scalars(select(Poll).where(Poll.status != PollStatus.DRAFT)
                               .order_by(Poll.id.desc()).limit(100)).all()
    open_polls = [p for p in polls if running.state(p) == "open"]
    closed = [p for p in polls if running.state(p) == "closed"]
    return render_template("polls/index.html", open_polls=open_polls, closed_polls=closed)


def _render_poll(poll: Poll, errors=None, entered=None, form=None, status=200):
    user = current_user if current_user.is_authenticated else None
    eligible = voting.eligibility(db.session, poll, user) is not None
    voted = eligible and voting.has_voted(db.session, poll, user)
    seed = f"user-{user.id}" if user else request.cookies.get("session", "visitor")[:16]
    layout = voting.layout(poll, seed)
    return render_template(
        "polls/poll.html", poll=poll, state=running.state(poll), eligible=eligible, voted=voted,
        layout=layout, errors=errors or {}, error_items=error_links(layout, errors or {}),
        entered=entered or {},
        form=form or PublicResponseForm(), results_visible=running.results_visible(poll)), status


@bp.get("/<int:poll_id>")
def show(poll_id: int):
    return _render_poll(visible_poll(poll_id))


@bp.post("/<int:poll_id>/vote")
def vote(poll_id: int):
    poll = visible_poll(poll_id)
    if not current_user.is_authenticated:
        flash("Sign in to vote.", "info")
        return redirect(url_for("accounts.sign_in", next=url_for("polls.show", poll_id=poll.id)))
    answers, problems = read_answers(poll, request.form)
    if problems:
        return _render_poll(poll, problems, sticky(poll, request.form), status=400)
    try:
        code = voting.cast_ballot(db.session, poll, current_user, answers)
    except voting.BallotError as error:
        db.session.rollback()
        return _render_poll(poll, error.errors, sticky(poll, request.form), status=400)
    except PollError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    db.session.commit()
    metrics.BALLOTS.labels(ballot_kind(poll)).inc()
    session["poll_receipt"] = {"poll": poll.id, "code": code}
    return redirect(url_for("polls.receipt", poll_id=poll.id))


@bp.get("/<int:poll_id>/receipt")
@personal_page
def receipt(poll_id: int):
    poll = visible_poll(poll_id)
    held = session.pop("poll_receipt", None)
    code = held["code"] if held and held.get("poll") == poll.id else None
    return render_template("polls/receipt.html", poll=poll, code=code)


@bp.get("/<int:poll_id>/receipts")
def receipts(poll_id: int):
    poll = visible_poll(poll_id)
    if running.state(poll) != "closed":
        return render_template("polls/receipts.html", poll=poll, closed=False, codes=[],
                               typed="", found=None)
    typed = request.args.get("code", "").strip()[:40]
    found = voting.find_receipt(db.session, poll, typed) if typed else None
    after = request.args.get("after", "")[:20]
    codes = db.session.scalars(voting.published_receipts(poll, after=after, limit=1001)).all()
    return render_template("polls/receipts.html", poll=poll, closed=True, codes=codes[:1000],
                           next_after=codes[999] if len(codes) > 1000 else None,
                           typed=typed, found=found, checked=bool(typed))


def _results_or_403(poll_id: int) -> Poll:
    poll = visible_poll(poll_id)
    if not running.results_visible(poll):
        abort(403)
    return poll


@bp.get("/<int:poll_id>/results")
def results(poll_id: int):
    poll = visible_poll(poll_id)
    if not running.results_visible(poll):
        return render_template("polls/results_hidden.html", poll=poll), 403
    results, tables = results_and_breakdowns(db.session, poll)
    return render_template("polls/results.html", poll=poll, results=results, breakdowns=tables,
                           show_texts=poll.publish_free_text, staff_view=False)


@bp.get("/<int:poll_id>/results.csv")
def results_export(poll_id: int):
    poll = _results_or_403(poll_id)
    body = results_csv(*results_and_breakdowns(db.session, poll))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="poll-{poll.id}-results.csv"'})
