"""Staff pages for building a poll: settings, questions, answers (reorder without script), preview."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.core.form_errors import show_error
from blueprints.core.guards import staff_required
from blueprints.core.uk_time import to_local
from blueprints.polls import staff_bp
from blueprints.polls.forms import (
    ExtendForm,
    ImportForm,
    LateJoinerForm,
    OptionForm,
    PollForm,
    QuestionForm,
)
from extensions import client_ip, db
from models.membership import MembershipCategory
from models.polls import Option, Poll, Question
from rules.membership.regions import REGIONS
from services.membership.categories import all_categories
from services.polls import PollError, builder, running, voting


def _poll(poll_id: int) -> Poll:
    return db.session.get(Poll, poll_id) or abort(404)


def _poll_form(poll: Poll | None = None) -> PollForm:
    form = PollForm(obj=poll) if poll else PollForm()
    form.categories.choices = [(c.code, c.name) for c in all_categories(db.session)]
    if poll is not None and not form.is_submitted():
        form.opens_at.data, form.closes_at.data = to_local(poll.opens_at), to_local(poll.closes_at)
        form.categories.data = poll.audience_codes if poll.audience == "categories" else []
        form.regions.data = poll.audience_codes if poll.audience == "regions" else []
    return form


def _field_error(form, error: ValueError) -> None:
    show_error(form, error, aliases={"audience_codes": "audience"})




@staff_bp.get("/")
@staff_required
def index():
    polls = db.session.scalars(select(Poll).order_by(Poll.id.desc()).limit(200)).all()
    return render_template("polls/staff/index.html", polls=polls, state=running.state)


@staff_bp.route("/new", methods=["GET", "POST"])
@staff_required
def new():
    form = _poll_form()
    if form.validate_on_submit():
        try:
            poll = builder.create_poll(db.session, actor=current_user, ip_address=client_ip(),
                                       **form.settings())
        except PollError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Poll created. Now add its questions.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll.id))
    return render_template("polls/staff/settings.html", form=form, poll=None), \
        400 if form.is_submitted() else 200


@staff_bp.route("/<int:poll_id>/settings", methods=["GET", "POST"])
@staff_required
def settings(poll_id: int):
    poll = _poll(poll_id)
    form = _poll_form(poll)
    if form.validate_on_submit():
        try:
            builder.update_settings(db.session, poll, actor=current_user, ip_address=client_ip(),
                                    **form.settings())
        except PollError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Settings saved.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll.id))
    return render_template("polls/staff/settings.html", form=form, poll=poll), \
        400 if form.is_submitted() else 200


def audience_names(poll: Poll) -> list[str]:
    """The names of the categories or regions a poll is for (codes no longer known stay)."""
    if poll.audience == "categories":
        names = dict(db.session.execute(select(MembershipCategory.code, MembershipCategory.name)
                                        ).all())
    elif poll.audience == "regions":
        names = dict(REGIONS)
    else:
        return []
    return [names.get(code, code) for code in poll.audience_codes]


def import_form_for(question_id: int) -> ImportForm:
    """The BLT import form of one ranked question (prefixed: a poll may have several)."""
    return ImportForm(prefix=f"import-{question_id}")


def render_manage(poll: Poll, question_form=None, status=200, **forms):
    voted, eligible = running.turnout_figures(db.session, poll)
    return render_template(
        "polls/staff/manage.html", poll=poll, state=running.state(poll),
        audience_names=audience_names(poll),
        question_form=question_form or QuestionForm(), option_form=OptionForm,
        extend_form=forms.get("extend_form") or ExtendForm(),
        late_form=forms.get("late_form") or LateJoinerForm(),
        import_form=forms.get("import_form"), import_question=forms.get("import_question"),
        refused_option=forms.get("refused_option"), option_question=forms.get("option_question"),
        import_form_for=import_form_for,
        voted=voted, eligible=eligible), status


@staff_bp.get("/<int:poll_id>")
@staff_required
def manage(poll_id: int):
    return render_manage(_poll(poll_id))


@staff_bp.post("/<int:poll_id>/questions")
@staff_required
def add_question(poll_id: int):
    poll = _poll(poll_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            builder.add_question(db.session, poll, actor=current_user, ip_address=client_ip(),
                                 text=form.text.data, hint=form.hint.data or "", kind=form.kind.data,
                                 options=(form.options.data or "").splitlines(),
                                 max_choices=form.max_choices.data, seats=form.seats.data or 0)
        except PollError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Question added.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll.id, _anchor="messages"))
    return render_manage(poll, question_form=form, status=400)


def _question(poll_id: int, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.poll_id != poll_id:
        abort(404)
    return question


def _option(poll_id: int, option_id: int) -> Option:
    option = db.session.get(Option, option_id)
    if option is None or option.question.poll_id != poll_id:
        abort(404)
    return option


def _done(poll_id: int, action, message: str):
    try:
        action()
    except PollError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("polls_staff.manage", poll_id=poll_id, _anchor="messages"))


@staff_bp.post("/<int:poll_id>/questions/<int:question_id>/delete")
@staff_required
def remove_question(poll_id: int, question_id: int):
    question = _question(poll_id, question_id)
    return _done(poll_id, lambda: builder.remove_question(
        db.session, question, actor=current_user, ip_address=client_ip()), "Question removed.")


@staff_bp.post("/<int:poll_id>/questions/<int:question_id>/options")
@staff_required
def add_option(poll_id: int, question_id: int):
    question = _question(poll_id, question_id)
    form = OptionForm(prefix=f"o{question.id}")
    if not form.validate_on_submit():
        return render_manage(question.poll, status=400, refused_option=form,
                             option_question=question.id)
    return _done(poll_id, lambda: builder.add_option(
        db.session, question, actor=current_user, label=form.label.data,
        statement=form.statement.data or "", ip_address=client_ip()), "Answer added.")


@staff_bp.route("/<int:poll_id>/options/<int:option_id>", methods=["GET", "POST"])
@staff_required
def edit_option(poll_id: int, option_id: int):
    option = _option(poll_id, option_id)
    form = OptionForm(obj=option)
    if form.validate_on_submit():
        try:
            builder.update_option(db.session, option, actor=current_user, label=form.label.data,
                                  statement=form.statement.data or "", ip_address=client_ip())
        except PollError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash("Answer saved.", "success")
            return redirect(url_for("polls_staff.manage", poll_id=poll_id, _anchor="messages"))
    return render_template("polls/staff/option.html", form=form, option=option,
                           poll=option.question.poll), 400 if form.is_submitted() else 200


@staff_bp.post("/<int:poll_id>/options/<int:option_id>/<any(up,down):direction>")
@staff_required
def move_option(poll_id: int, option_id: int, direction: str):
    option = _option(poll_id, option_id)
    return _done(poll_id, lambda: builder.move_option(
        db.session, option, actor=current_user, by=-1 if direction == "up" else 1,
        ip_address=client_ip()), f"“{option.label}” moved {direction}.")


@staff_bp.post("/<int:poll_id>/options/<int:option_id>/delete")
@staff_required
def remove_option(poll_id: int, option_id: int):
    option = _option(poll_id, option_id)
    return _done(poll_id, lambda: builder.remove_option(
        db.session, option, actor=current_user, ip_address=client_ip()), "Answer removed.")


@staff_bp.get("/<int:poll_id>/preview")
@staff_required
def preview(poll_id: int):
    poll = _poll(poll_id)
    return render_template("polls/staff/preview.html", poll=poll,
                           layout=voting.layout(poll, f"preview-{current_user.id}"))
