"""Reading a ballot from a posted form: one field per question (ranked: one per candidate)."""

from werkzeug.datastructures import MultiDict

from models.polls import Poll


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
        elif question.kind == "multiple":
            chosen = [v for v in form.getlist(name) if v.isdigit()]
            answers[question.id] = tuple(int(v) for v in dict.fromkeys(chosen))
        elif question.kind == "ranked":
            ranks = {}
            for option in question.options:
                value = form.get(f"{name}-{option.id}", "").strip()
                if not value:
                    continue
                if not value.isdigit() or not 1 <= int(value) <= len(question.options):
                    problems[question.id] = "Use the numbers in the lists only."
                    break
                ranks[option.id] = int(value)
            if len(set(ranks.values())) != len(ranks):
                problems[question.id] = "Give each candidate a different number."
            answers[question.id] = tuple(sorted(ranks, key=ranks.__getitem__))
        else:
            value = form.get(name, "")
            answers[question.id] = int(value) if value.isdigit() else None
            if value and not value.isdigit():
                problems[question.id] = "Choose one of the answers."
    return answers, problems


def sticky(poll: Poll, form: MultiDict | None) -> dict[str, object]:
    """What the voter had entered, by field name, to show the form again after a problem."""
    if form is None:
        return {}
    return {key: form.getlist(key) for key in form if key.startswith("q-")}
