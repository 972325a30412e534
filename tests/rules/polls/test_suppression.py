import random

import pytest

from rules.polls.suppression import Breakdown, suppress_breakdown

YES, NO = 1, 2


def assert_nothing_small_can_be_worked_out(breakdown: Breakdown, sizes, counts):
    """Check what subtraction from the published figures gives away."""
    hidden = [group for group in sizes if not breakdown.group(group).shown]
    for group in hidden:
        row = breakdown.group(group)
        assert (row.respondents, row.counts, row.percentages) == (None, None, None)
    if not breakdown.total_shown:
        assert all(not row.shown for row in breakdown.groups)
        return
    for row in breakdown.groups:
        if row.shown:
            assert row.respondents >= breakdown.threshold
    if not hidden:
        return
    shown_sum = sum(row.respondents for row in breakdown.groups if row.shown)
    residual = breakdown.respondents - shown_sum
    assert len(hidden) >= 2
    assert residual >= breakdown.threshold
    for option, overall in breakdown.counts.items():
        if overall in (0, breakdown.respondents):
            continue
        residual_cell = overall - sum(row.counts[option] for row in breakdown.groups if row.shown)
        assert 0 < residual_cell < residual


def test_a_group_of_nine_shows_no_figure_and_no_total_from_which_it_follows():
    sizes = {"North": 40, "South": 25, "Islands": 9}
    counts = {"North": {YES: 30, NO: 10}, "South": {YES: 15, NO: 10}, "Islands": {YES: 5, NO: 4}}
    breakdown = suppress_breakdown(counts, sizes)
    assert breakdown.respondents == 74
    assert breakdown.suppressed == ("South", "Islands")
    islands = breakdown.group("Islands")
    assert not islands.shown
    assert (islands.respondents, islands.counts, islands.percentages) == (None, None, None)
    # 74 - 40 is 34, the two suppressed groups together: 9 cannot be recovered.
    shown = [row.respondents for row in breakdown.groups if row.shown]
    assert shown == [40]
    assert breakdown.respondents - sum(shown) != 9
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


def test_every_group_is_shown_when_all_have_at_least_ten():
    sizes = {"Scotland": 10, "Wales": 12, "England": 30}
    counts = {"Scotland": {YES: 7, NO: 3}, "Wales": {YES: 3, NO: 9}, "England": {YES: 30, NO: 0}}
    breakdown = suppress_breakdown(counts, sizes)
    assert breakdown.suppressed == ()
    assert breakdown.group("Scotland").counts == {YES: 7, NO: 3}
    assert breakdown.group("Scotland").percentages == {YES: 70, NO: 30}
    assert breakdown.group("Wales").percentages == {YES: 25, NO: 75}
    assert breakdown.group("England").respondents == 30
    assert (breakdown.respondents, breakdown.counts) == (52, {YES: 40, NO: 12})
    assert breakdown.percentages == {YES: 77, NO: 23}


@pytest.mark.parametrize(
    ("size", "threshold", "shown"),
    [(10, 10, True), (9, 10, False), (5, 5, True), (4, 5, False), (19, 20, False)],
)
def test_threshold_boundary_shows_groups_of_exactly_the_threshold(size, threshold, shown):
    sizes = {"Edge": size, "Big A": 50, "Big B": 60}
    counts = {"Edge": {YES: 1, NO: size - 1}, "Big A": {YES: 25, NO: 25}, "Big B": {YES: 6, NO: 54}}
    breakdown = suppress_breakdown(counts, sizes, threshold=threshold)
    assert breakdown.group("Edge").shown is shown
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


@pytest.mark.parametrize(
    ("sizes", "suppressed"),
    [
        # One small group alone would be total minus the rest: the next smallest goes too.
        ({"A": 40, "B": 25, "C": 9}, ("B", "C")),
        ({"A": 9, "B": 11, "C": 30, "D": 12}, ("A", "B")),
        # Two small groups whose sum is still below 10: a third is needed.
        ({"A": 3, "B": 4, "C": 60, "D": 50}, ("A", "B", "D")),
        # Two small groups with a sum of 10 or more protect each other.
        ({"A": 9, "B": 8, "C": 60}, ("A", "B")),
        # A small group beside one big one: both go, only the total is left.
        ({"A": 9, "B": 50}, ("A", "B")),
        # A group with nobody in it is a small group too.
        ({"A": 0, "B": 20, "C": 30}, ("A", "B")),
        # Ties on size go to the earlier group.
        ({"A": 15, "B": 15, "C": 5}, ("A", "C")),
    ],
)
def test_complementary_suppression_hides_the_next_smallest_groups(sizes, suppressed):
    counts = {group: {YES: size // 2, NO: size - size // 2} for group, size in sizes.items()}
    breakdown = suppress_breakdown(counts, sizes)
    assert breakdown.suppressed == suppressed
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


def test_a_hidden_cell_that_would_follow_as_zero_hides_one_more_group():
    # Without the cell rule B (9) and C (11) are hidden, but nobody in either
    # said No, so "No: 0" for B would follow from the No column.
    sizes = {"A": 12, "B": 9, "C": 11, "D": 40}
    counts = {
        "A": {YES: 9, NO: 3},
        "B": {YES: 9, NO: 0},
        "C": {YES: 11, NO: 0},
        "D": {YES: 20, NO: 20},
    }
    breakdown = suppress_breakdown(counts, sizes)
    assert breakdown.suppressed == ("A", "B", "C")
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


def test_a_hidden_cell_that_would_follow_as_everyone_hides_one_more_group():
    # Multiple choice: everyone in B and C ticked option 3, so B's cell would
    # follow as "all of B". Everyone in D ticked it as well, so adding D would
    # not help: E is the smallest shown group where not all did.
    sizes = {"A": 50, "B": 9, "C": 10, "D": 20, "E": 30}
    counts = {
        "A": {YES: 10, NO: 40, 3: 10},
        "B": {YES: 5, NO: 5, 3: 9},
        "C": {YES: 5, NO: 5, 3: 10},
        "D": {YES: 10, NO: 10, 3: 20},
        "E": {YES: 10, NO: 20, 3: 29},
    }
    breakdown = suppress_breakdown(counts, sizes)
    assert breakdown.suppressed == ("B", "C", "E")
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


def test_an_option_nobody_chose_overall_does_not_force_more_suppression():
    sizes = {"A": 9, "B": 12, "C": 40}
    counts = {"A": {YES: 9, NO: 0}, "B": {YES: 12, NO: 0}, "C": {YES: 40, NO: 0}}
    breakdown = suppress_breakdown(counts, sizes, option_ids=(YES, NO))
    assert breakdown.suppressed == ("A", "B")
    assert breakdown.group("C").counts == {YES: 40, NO: 0}


def test_a_total_below_the_threshold_shows_nothing_at_all():
    breakdown = suppress_breakdown({"A": {YES: 4}, "B": {YES: 3}}, {"A": 5, "B": 4})
    assert not breakdown.total_shown
    assert (breakdown.respondents, breakdown.counts, breakdown.percentages) == (None, None, None)
    assert breakdown.suppressed == ("A", "B")


def test_missing_cells_count_as_zero_and_options_keep_their_order():
    breakdown = suppress_breakdown({"A": {NO: 4}}, {"A": 10, "B": 10}, option_ids=(YES, NO))
    assert breakdown.group("A").counts == {YES: 0, NO: 4}
    assert breakdown.group("B").counts == {YES: 0, NO: 0}


@pytest.mark.parametrize(
    ("counts", "sizes", "threshold"),
    [
        ({"A": {YES: 11}}, {"A": 10}, 10),
        ({"A": {YES: -1}}, {"A": 10}, 10),
        ({"Z": {YES: 1}}, {"A": 10}, 10),
        ({}, {"A": -3}, 10),
        ({}, {"A": 10}, 0),
        ({}, {"A": 10}, 2.5),
    ],
)
def test_tables_that_cannot_be_right_are_refused(counts, sizes, threshold):
    with pytest.raises(ValueError):
        suppress_breakdown(counts, sizes, threshold=threshold)


def test_asking_for_a_group_that_is_not_there_raises_key_error():
    with pytest.raises(KeyError):
        suppress_breakdown({}, {"A": 10}).group("B")


@pytest.mark.parametrize("seed", range(200))
def test_random_breakdowns_never_give_a_small_group_away(seed):
    rng = random.Random(seed)
    sizes = {
        f"G{i}": rng.choice([0, 1, 3, 8, 9, 10, 11, 14, 25, 60]) for i in range(rng.randint(1, 6))
    }
    counts = {}
    for group, size in sizes.items():
        yes = rng.choice([0, size, rng.randint(0, size)])
        counts[group] = {YES: yes, NO: size - yes, 3: rng.randint(0, size)}
    breakdown = suppress_breakdown(counts, sizes)
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)


def test_a_group_another_table_asks_for_is_withheld_and_protected_like_a_small_one():
    sizes = {"North": 40, "South": 25, "East": 20}
    counts = {"North": {YES: 30, NO: 10}, "South": {YES: 15, NO: 10}, "East": {YES: 5, NO: 15}}
    breakdown = suppress_breakdown(counts, sizes, also_suppress={"East"})
    # East alone would follow from the total, so the next smallest goes with it.
    assert breakdown.suppressed == ("South", "East")
    assert_nothing_small_can_be_worked_out(breakdown, sizes, counts)
