import pytest

from rules.polls.tally import QuestionSpec, tally

SINGLE = QuestionSpec(1, "single", (10, 11, 12))
MULTIPLE = QuestionSpec(2, "multiple", (20, 21, 22, 23), max_choices=3)
YES_NO = QuestionSpec(3, "yes_no", (30, 31))
SCALE = QuestionSpec(4, "scale", (41, 42, 43, 44, 45))
RANKED = QuestionSpec(5, "ranked", (50, 51, 52))
TEXT = QuestionSpec(6, "text")
POLL = (SINGLE, MULTIPLE, YES_NO, SCALE, RANKED, TEXT)


def test_single_choice_counts_and_percentages_are_of_those_who_answered():
    ballots = [{1: 10}, {1: 10}, {1: 11}, {1: None}, {}, {1: 10}, {1: 12}, {1: 10}]
    result = tally([SINGLE], ballots)[1]
    assert result.base == 6
    assert result.counts == {10: 4, 11: 1, 12: 1}
    assert result.percentages == {10: 67, 11: 17, 12: 17}  # 66.7, 16.7, 16.7: sums to 101


def test_multiple_choice_percentages_can_add_up_to_more_than_100():
    ballots = [{2: (20, 21)}, {2: (20,)}, {2: (20, 21, 22)}, {2: (21,)}]
    result = tally([MULTIPLE], ballots)[2]
    assert result.base == 4
    assert result.counts == {20: 3, 21: 3, 22: 1, 23: 0}
    assert result.percentages == {20: 75, 21: 75, 22: 25, 23: 0}
    assert sum(result.percentages.values()) == 175


def test_multiple_choice_with_nothing_ticked_is_not_in_the_base():
    ballots = [{2: ()}, {2: (23,)}, {2: None}]
    result = tally([MULTIPLE], ballots)[2]
    assert result.base == 1
    assert result.percentages[23] == 100


def test_yes_no_question_counts_both_sides():
    ballots = [{3: 30}] * 7 + [{3: 31}] * 2 + [{}]
    result = tally([YES_NO], ballots)[3]
    assert (result.base, result.counts, result.percentages) == (9, {30: 7, 31: 2}, {30: 78, 31: 22})


def test_scale_question_keeps_every_point_of_the_scale():
    ballots = [{4: 41}, {4: 45}, {4: 45}, {4: 44}]
    result = tally([SCALE], ballots)[4]
    assert list(result.counts) == [41, 42, 43, 44, 45]
    assert result.counts == {41: 1, 42: 0, 43: 0, 44: 1, 45: 2}
    assert result.percentages == {41: 25, 42: 0, 43: 0, 44: 25, 45: 50}


def test_ranked_question_gives_first_preferences_and_the_rankings_to_count():
    ballots = [{5: (50, 51)}, {5: (51, 50, 52)}, {5: (50, 51)}, {5: (52,)}, {5: ()}]
    result = tally([RANKED], ballots)[5]
    assert result.base == 4
    assert result.first_preferences == {50: 2, 51: 1, 52: 1}
    assert result.counts == {50: 3, 51: 3, 52: 2}  # ranked at all
    assert result.percentages == {50: 75, 51: 75, 52: 50}
    assert result.rankings == {(50, 51): 2, (51, 50, 52): 1, (52,): 1}


def test_free_text_answers_are_returned_in_ballot_order_without_blanks():
    ballots = [{6: "More staff"}, {6: "   "}, {6: ""}, {}, {6: "Less paperwork"}, {6: None}]
    result = tally([TEXT], ballots)[6]
    assert result.base == 2
    assert result.texts == ["More staff", "Less paperwork"]
    assert result.counts == {}


def test_skipping_one_question_does_not_change_the_base_of_another():
    ballots = [
        {1: 10, 3: 30},
        {1: 11},
        {3: 31, 6: "Fine"},
        {1: 10, 2: (20,), 3: 30, 4: 43, 5: (52, 50), 6: "Good"},
    ]
    result = tally(POLL, ballots)
    assert {qid: q.base for qid, q in result.items()} == {1: 3, 2: 1, 3: 3, 4: 1, 5: 1, 6: 2}
    assert list(result) == [1, 2, 3, 4, 5, 6]


def test_a_question_nobody_answered_has_zero_percent_everywhere():
    result = tally(POLL, [{}, {}])
    assert result[1].base == 0
    assert result[1].percentages == {10: 0, 11: 0, 12: 0}
    assert result[5].first_preferences == {50: 0, 51: 0, 52: 0}


def test_ballots_may_be_a_generator_read_once():
    result = tally([SINGLE], ({1: option} for option in (10, 11, 11)))
    assert result[1].counts == {10: 1, 11: 2, 12: 0}


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        ({1: 99}, "not one of its options"),
        ({1: (10,)}, "not one of its options"),
        ({1: True}, "not one of its options"),
        ({2: 20}, "expected a tuple"),
        ({2: [20, 21]}, "must be tuples"),
        ({2: (20, 20)}, "repeated"),
        ({2: (20, 21, 22, 23)}, "at most 3"),
        ({5: (50, 99)}, "not one of its options"),
        ({6: 3}, "expected text"),
        ({7: 10}, "does not have"),
    ],
)
def test_answers_that_do_not_fit_their_question_are_refused(ballot, message):
    with pytest.raises(ValueError, match=message):
        tally(POLL, [ballot])


@pytest.mark.parametrize(
    ("kind", "options", "max_choices"),
    [
        ("approval", (1, 2), None),
        ("single", (), None),
        ("single", (1, 1), None),
        ("yes_no", (1, 2, 3), None),
        ("text", (1,), None),
        ("single", (1, 2), 1),
        ("multiple", (1, 2), 0),
    ],
)
def test_nonsense_question_specs_are_refused(kind, options, max_choices):
    with pytest.raises(ValueError):
        QuestionSpec(1, kind, options, max_choices)


def test_repeated_question_ids_are_refused():
    with pytest.raises(ValueError, match="repeat"):
        tally([SINGLE, QuestionSpec(1, "yes_no", (1, 2))], [])
