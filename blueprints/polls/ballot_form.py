"""Reading a ballot from a posted form: one field per question (ranked: one per candidate)."""

from werkzeug.datastructures import MultiDict

from models.polls import Poll
from rules.numbers import whole_number
from rules.text import text_problem
from services.polls import voting


def read_answers(poll: Poll, form: MultiDict) -> tuple[dict[int, object], dict[int, str]]:
    """Return (answers, problems) from the form, keyed by question id.

    Field names: ``q-<question>`` (one value, several for multiple choice, or text) and
    ``q-<question>-<option>`` holding a rank number for ranked questions. The problems
    include the service's own checks (too many boxes ticked...), so that the voter hears
    of every question in error at once.
    """
    answers: dict[int, object] = {}
    problems: dict[int, str] = {}
    for question in poll.questions:
        name = f"q-{question.id}"
        if question.kind == "text":
            answers[question.id] = form.get(name, "").strip()
            # The ballot is read without WTForms: the platform's text rule, as every form's.
            if problem := text_problem(answers[question.id], multiline=True):
                problems[question.id] = problem
        elif question.kind == "multiple":
            chosen = [whole_number(v) for v in form.getlist(name)]
            answers[question.id] = tuple(dict.fromkeys(v for v in chosen if v is not None))
        elif question.kind == "ranked":
            ranks = {}
            for option in question.options:
                value = form.get(f"{name}-{option.id}", "").strip()
                if not value:
                    continue
                rank = whole_number(value, minimum=1, maximum=len(question.options))
                if rank is None:
                    problems[question.id] = "Use the numbers in the lists only."
                    break
                ranks[option.id] = rank
            if question.id not in problems and len(set(ranks.values())) != len(ranks):
                problems[question.id] = _clash(question, ranks)
            answers[question.id] = tuple(sorted(ranks, key=ranks.__getitem__))
        else:
            value = form.get(name, "")
            answers[question.id] = whole_number(value)
            if value and answers[question.id] is None:
                problems[question.id] = "Choose one of the answers."
    return answers, {**voting.validate(poll, answers), **problems}


def _clash(question, ranks: dict[int, int]) -> str:
    """Name the candidates (or answers) given the same number, for the first number shared."""
    labels = {option.id: option.label for option in question.options}
    by_rank: dict[int, list[str]] = {}
    for option_id, rank in ranks.items():
        by_rank.setdefault(rank, []).append(labels[option_id])
    rank, names = min((r, n) for r, n in by_rank.items() if len(n) > 1)
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    noun = "candidate" if question.is_election else "answer"
    both = "both" if len(names) == 2 else "all"
    return f"{listed} are {both} numbered {rank}: give each {noun} a different number."


def input_id(question, options) -> str:
    """The id of the first input of a question as shown, where its error summary link goes."""
    if question.kind == "text" or not options:
        return f"q-{question.id}"
    return f"q-{question.id}-{options[0].id}"


def error_links(layout, errors: dict[int, str]) -> list[tuple[str, str]]:
    """(input id, message) for the error summary, in the order the questions are shown;
    each message names its question's number, as a summary is read away from the form."""
    return [(input_id(item.question, item.options), f"Question {number}: "
             f"{errors[item.question.id]}")
            for number, item in enumerate(layout, start=1) if item.question.id in errors]


def sticky(poll: Poll, form: MultiDict | None) -> dict[str, object]:
    """What the voter had entered, by field name, to show the form again after a problem."""
    if form is None:
        return {}
    return {key: form.getlist(key) for key in form if key.startswith("q-")}
