"""Reading a ballot from a posted form: one field per question (ranked: one per candidate)."""

from werkzeug.datastructures import MultiDict

from models.polls import Poll
from rules.numbers import whole_number
from rules.text import text_problem


def read_answers(poll: Poll, form: MultiDict) -> tuple[dict[int, object], dict[int, str]]:
    """Return (answers, problems) from the form, keyed by question id.

    Field names: ``q-<question>`` (one value, several for multiple choice, or text) and
    ``q-<question>-<option>`` holding a rank number for ranked questions.
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
            if len(set(ranks.values())) != len(ranks):
                problems[question.id] = "Give each candidate a different number."
            answers[question.id] = tuple(sorted(ranks, key=ranks.__getitem__))
        else:
            value = form.get(name, "")
            answers[question.id] = whole_number(value)
            if value and answers[question.id] is None:
                problems[question.id] = "Choose one of the answers."
    return answers, problems


def sticky(poll: Poll, form: MultiDict | None) -> dict[str, object]:
    """What the voter had entered, by field name, to show the form again after a problem."""
    if form is None:
        return {}
    return {key: form.getlist(key) for key in form if key.startswith("q-")}
