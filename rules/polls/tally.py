"""Tally the ballots of a poll: base, count and percentage per option of each question.

A ballot is a mapping ``question_id -> answer``. The answer's shape depends
on the question's kind:

========== ======================================================
kind       answer
========== ======================================================
single     one option id
yes_no     one option id (the question has exactly two options)
scale      one option id (options listed in scale order)
multiple   a tuple of distinct option ids (at most ``max_choices``)
ranked     a tuple of distinct option ids, most preferred first
text       a str
========== ======================================================

A question counts as skipped on a ballot when its key is missing or its
answer is None, an empty tuple or a blank string. The *base* of a question is
the number of ballots that did not skip it, and every percentage is of that
base, so skipping one question does not dilute the results of the others. On
multiple-choice questions each respondent may tick several options, so the
percentages can add up to more than 100.

For ranked questions ``counts`` says how many respondents ranked each option
at all, ``first_preferences`` how many put it first, and ``rankings`` holds
each distinct ranking with its number of ballots, ready for an election count
(see ``rules.elections``).

Speed: each question is counted with ``collections.Counter`` over the answers
(done in C), and the per-option work is over the few *distinct* answers, not
the ballots; a million five-question ballots take well under a second.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import methodcaller

from rules.polls.percentages import display_percent

KINDS = frozenset({"single", "multiple", "yes_no", "scale", "ranked", "text"})
_ONE_OPTION_KINDS = frozenset({"single", "yes_no", "scale"})
_SKIPPED = (None, (), "")


@dataclass(frozen=True)
class QuestionSpec:
    """One question of a poll: its id, kind and option ids (empty for text).

    ``max_choices`` limits how many options a multiple-choice answer may tick
    (None: no limit); it must be None for every other kind.

    Raises:
        ValueError: on an unknown kind, repeated option ids, a yes/no question
            without exactly two options, a text question with options, a
            choice question without options, or a nonsensical max_choices.
    """

    id: int
    kind: str
    option_ids: tuple[int, ...] = ()
    max_choices: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.id}: unknown kind {self.kind!r}")
        if len(set(self.option_ids)) != len(self.option_ids):
            raise ValueError(f"question {self.id}: option ids repeat")
        if self.kind == "text" and self.option_ids:
            raise ValueError(f"question {self.id}: a text question has no options")
        if self.kind != "text" and not self.option_ids:
            raise ValueError(f"question {self.id}: a {self.kind} question needs options")
        if self.kind == "yes_no" and len(self.option_ids) != 2:
            raise ValueError(f"question {self.id}: a yes/no question has exactly two options")
        if self.max_choices is not None and (self.kind != "multiple" or self.max_choices < 1):
            raise ValueError(
                f"question {self.id}: max_choices must be a positive limit on a multiple question"
            )


@dataclass(frozen=True)
class QuestionTally:
    """The result of one question.

    ``counts`` and ``percentages`` have every option id as a key (0 if nobody
    chose it); percentages are whole numbers rounded half away from zero (see
    ``rules.polls.percentages``). ``first_preferences`` and ``rankings`` are
    filled for ranked questions only, ``texts`` for text questions only.
    """

    question_id: int
    kind: str
    base: int
    counts: dict[int, int] = field(default_factory=dict)
    percentages: dict[int, int] = field(default_factory=dict)
    first_preferences: dict[int, int] = field(default_factory=dict)
    rankings: dict[tuple[int, ...], int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def _count_answers(answers: Iterable[object], question: QuestionSpec) -> Counter[object]:
    """Count identical answers, without the skipped ones."""
    try:
        tallied = Counter(answers)
    except TypeError as error:  # a list instead of a tuple is not hashable
        raise ValueError(
            f"question {question.id}: answers with several options must be tuples"
        ) from error
    for skipped in _SKIPPED:
        tallied.pop(skipped, None)
    return tallied


def _check_choice(answer: object, question: QuestionSpec, options: frozenset[int]) -> None:
    """Raise ValueError unless answer is a valid one-option answer."""
    if isinstance(answer, bool) or answer not in options:
        raise ValueError(f"question {question.id}: {answer!r} is not one of its options")


def _check_choices(answer: object, question: QuestionSpec, options: frozenset[int]) -> None:
    """Raise ValueError unless answer is a valid tuple of distinct options."""
    if not isinstance(answer, tuple):
        raise ValueError(f"question {question.id}: expected a tuple of options, got {answer!r}")
    if len(set(answer)) != len(answer):
        raise ValueError(f"question {question.id}: an option is repeated in {answer!r}")
    for option in answer:
        _check_choice(option, question, options)
    if question.max_choices is not None and len(answer) > question.max_choices:
        raise ValueError(
            f"question {question.id}: {len(answer)} options ticked, at most "
            f"{question.max_choices} allowed"
        )


def _tally_text(question: QuestionSpec, answers: Iterable[object]) -> QuestionTally:
    """Collect the non-blank free-text answers in ballot order."""
    texts = []
    for answer in answers:
        if answer is None:
            continue
        if not isinstance(answer, str):
            raise ValueError(f"question {question.id}: expected text, got {answer!r}")
        if answer.strip():
            texts.append(answer)
    return QuestionTally(question.id, question.kind, base=len(texts), texts=texts)


def _tally_choices(question: QuestionSpec, answers: Iterable[object]) -> QuestionTally:
    """Count a single, yes/no, scale, multiple or ranked question."""
    options = frozenset(question.option_ids)
    distinct = _count_answers(answers, question)
    counts = dict.fromkeys(question.option_ids, 0)
    first_preferences: dict[int, int] = {}
    if question.kind in _ONE_OPTION_KINDS:
        for answer, number in distinct.items():
            _check_choice(answer, question, options)
            counts[answer] += number
    else:
        for answer, number in distinct.items():
            _check_choices(answer, question, options)
            for option in answer:
                counts[option] += number
        if question.kind == "ranked":
            first_preferences = dict.fromkeys(question.option_ids, 0)
            for answer, number in distinct.items():
                first_preferences[answer[0]] += number
    base = distinct.total()
    return QuestionTally(
        question_id=question.id,
        kind=question.kind,
        base=base,
        counts=counts,
        percentages={option: display_percent(n, base) for option, n in counts.items()},
        first_preferences=first_preferences,
        rankings=dict(distinct) if question.kind == "ranked" else {},
    )


def tally(
    questions: Sequence[QuestionSpec], ballots: Iterable[Mapping[int, object]]
) -> dict[int, QuestionTally]:
    """Tally every question of a poll over all its ballots.

    Args:
        questions: the poll's questions; their ids must be distinct.
        ballots: one mapping ``question_id -> answer`` per respondent (read
            once; a list or tuple is used as it is, anything else is copied).

    Returns:
        A QuestionTally per question id, in the order of ``questions``.

    Raises:
        ValueError: on repeated question ids, a ballot answering a question
            the poll does not have, or an answer that does not fit its
            question (unknown or repeated option, too many ticks, wrong type).
    """
    by_id = {question.id: question for question in questions}
    if len(by_id) != len(questions):
        raise ValueError("question ids repeat")
    if not isinstance(ballots, (list, tuple)):
        ballots = list(ballots)
    unknown = set(chain.from_iterable(ballots)) - by_id.keys()
    if unknown:
        raise ValueError(f"ballots answer questions the poll does not have: {sorted(unknown)}")
    results = {}
    for question in questions:
        # Pulling one question's answers out with map() keeps the per-ballot
        # loop in C; a Python loop over a million ballots would not.
        answers = map(methodcaller("get", question.id), ballots)
        if question.kind == "text":
            results[question.id] = _tally_text(question, answers)
        else:
            results[question.id] = _tally_choices(question, answers)
    return results
