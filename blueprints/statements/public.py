"""Public statement pages: the list, a statement, its history and diffs, the feed; endorsing."""

from urllib.parse import quote, urlencode

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from blueprints.statements import bp
from blueprints.statements.forms import ActionForm, CommentForm, SearchForm
from extensions import db
from models.statements import Statement
from rules.numbers import whole_number
from rules.statements.word_diff import word_diff_html
from rules.statements.workflow import is_public, may_endorse
from services.links import external_url
from services.statements import participation, reading
from services.statements.errors import StatementError
from services.statements.evidence import related_links, render_statement_body
from services.statements.feed import atom_feed

PAGE_SIZE = 20


def _public_or_404(slug: str) -> Statement:
    return reading.public_statement(db.session, slug) or abort(404)


def share_links(statement: Statement) -> list[tuple[str, str]]:
    """Plain links to each service's own share page: no scripts from other sites."""
    url = external_url("statements.show", slug=statement.slug)
    text = f"{statement.title} – {current_app.config['SITE_NAME']}"
    return [
        ("Email", "mailto:?" + urlencode({"subject": text, "body": url}, quote_via=quote)),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
    ]


def latest_statements(limit: int = 3) -> list[Statement]:
    """The newest current statements, for the home page panel."""
    return db.session.scalars(reading.public_statements(current_only=True).limit(limit)).all()


@bp.get("/")
def index():
    form = SearchForm(request.args)
    topics = reading.topics_in_use(db.session)
    form.topic.choices = [("", "All topics")] + [(slug, f"{label} ({count})")
                                                 for slug, label, count in topics]
    page = whole_number(request.args.get("page"), minimum=1, maximum=9999) or 1
    topic = search = None
    if form.validate():
        topic, search = form.topic.data or None, (form.q.data or "").strip() or None
    query = reading.public_statements(topic=topic, search=search)
    rows = db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)).all()
    topic_label = next((label for slug, label, _ in topics if slug == topic), topic)
    return render_template("statements/index.html", form=form, statements=rows[:PAGE_SIZE],
                           page=page, more=len(rows) > PAGE_SIZE, topic=topic,
                           topic_label=topic_label, search=search)


@bp.get("/feed.atom")
def feed():
    body = atom_feed(db.session, site_name=current_app.config["SITE_NAME"])
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/<slug>")
def show(slug: str):
    statement = reading.statement_by_slug(db.session, slug)
    if statement is None or not is_public(statement.state):
        if statement is not None and current_user.is_staff:
            return redirect(url_for("statement_editor.view", statement_id=statement.id))
        if statement is not None and participation.in_consultation(statement) and \
                participation.may_take_part(db.session, current_user):
            return redirect(url_for("statements.consultation", slug=slug))
        abort(404)
    return render_template(
        "statements/show.html", statement=statement,
        body_html=render_statement_body(db.session, statement.body),
        endorsements=participation.endorsement_count(db.session, statement),
        endorsed=participation.has_endorsed(db.session, statement, current_user),
        may_endorse=may_endorse(statement.state),
        may_take_part=participation.may_take_part(db.session, current_user),
        form=ActionForm(), share_links=share_links(statement),
        related=related_links(db.session, petition_id=statement.related_petition_id,
                              poll_id=statement.related_poll_id))


@bp.post("/<slug>/endorse")
@login_required
def endorse(slug: str):
    statement = _public_or_404(slug)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            if participation.endorse(db.session, statement, user=current_user):
                flash("Thank you: your endorsement is counted. Your name is not shown.", "success")
            else:
                flash("You have already endorsed this statement.", "info")
            db.session.commit()
        except StatementError as error:
            db.session.rollback()
            flash(str(error), "error")
    return redirect(url_for("statements.show", slug=slug, _anchor="messages"))


@bp.post("/<slug>/unendorse")
@login_required
def unendorse(slug: str):
    statement = _public_or_404(slug)
    if ActionForm().validate_on_submit():
        if participation.withdraw_endorsement(db.session, statement, user=current_user):
            flash("Your endorsement is withdrawn.", "success")
        db.session.commit()
    return redirect(url_for("statements.show", slug=slug, _anchor="messages"))


@bp.get("/<slug>/history")
def history(slug: str):
    statement = _public_or_404(slug)
    return render_template("statements/history.html", statement=statement,
                           revisions=list(reversed(statement.revisions)))


@bp.get("/<slug>/revisions/<int:number>")
def revision(slug: str, number: int):
    statement = _public_or_404(slug)
    found = reading.revision(statement, number) or abort(404)
    return render_template("statements/revision.html", statement=statement, revision=found,
                           body_html=render_statement_body(db.session, found.body))


@bp.get("/<slug>/diff")
def diff(slug: str):
    statement = _public_or_404(slug)
    numbers = [r.number for r in statement.revisions]
    if not numbers:
        abort(404)
    old_n = request.args.get("from", type=int) or max(numbers[-1] - 1, numbers[0])
    new_n = request.args.get("to", type=int) or numbers[-1]
    old, new = reading.revision(statement, old_n), reading.revision(statement, new_n)
    if old is None or new is None:
        flash("Choose two revisions of this statement to compare.", "error")
        return redirect(url_for("statements.history", slug=slug))
    return render_template(
        "statements/diff.html", statement=statement, old=old, new=new, numbers=numbers,
        title_diff=word_diff_html(old.title, new.title),
        summary_diff=word_diff_html(old.summary, new.summary),
        body_diff=word_diff_html(old.body, new.body))


@bp.get("/consultations")
@login_required
def consultations():
    allowed = participation.may_take_part(db.session, current_user)
    drafts = db.session.scalars(participation.open_consultations()).all() if allowed else []
    return render_template("statements/consultations.html", drafts=drafts, allowed=allowed)


@bp.route("/consultations/<slug>", methods=["GET", "POST"])
@login_required
def consultation(slug: str):
    statement = reading.statement_by_slug(db.session, slug)
    if statement is None or not participation.in_consultation(statement):
        abort(404)
    if not participation.may_take_part(db.session, current_user):
        abort(403)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            participation.add_comment(db.session, statement, member=current_user,
                                      body=form.body.data)
            db.session.commit()
            flash("Thank you: your comment has been sent to the staff writing this statement.",
                  "success")
            return redirect(url_for("statements.consultation", slug=slug))
        except StatementError as error:
            db.session.rollback()
            getattr(form, error.field or "body").errors = [str(error)]
    return render_template("statements/consultation.html", statement=statement, form=form,
                           body_html=render_statement_body(db.session, statement.body))
