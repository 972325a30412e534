import pytest

from rules.polls.percentages import display_percent, exact_share, percent_label


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (0, 10, 0),
        (10, 10, 100),
        (1, 8, 13),  # 12.5 rounds away from zero, not to the even 12
        (5, 200, 3),  # 2.5 -> 3, where round() would give 2
        (29, 200, 15),  # 14.5, which float division turns into 14.4999...
        (1, 3, 33),
        (2, 3, 67),
        (1, 200, 1),  # 0.5 -> 1
        (1, 201, 0),  # 0.4975 -> 0
        (199, 200, 100),  # 99.5 -> 100
        (3, 2, 150),  # multiple choice: a share of respondents can pass 100
        (0, 0, 0),
        (7, 0, 0),
    ],
)
def test_display_percent_rounds_half_away_from_zero(part, whole, expected):
    assert display_percent(part, whole) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 50, "0%"), (1, 1000, "<1%"), (999, 1000, ">99%"), (50, 50, "100%"), (81, 100, "81%")],
)
def test_percent_label_only_says_0_and_100_when_exact(part, whole, expected):
    assert percent_label(part, whole) == expected


def test_exact_share_of_nothing_is_zero_not_a_division_error():
    assert exact_share(3, 0) == 0
    assert exact_share(1, 3) * 3 == 100


@pytest.mark.parametrize(("part", "whole"), [(-1, 10), (1, -10), (1.5, 10), (True, 10), (1, "10")])
def test_nonsense_counts_are_refused(part, whole):
    with pytest.raises(ValueError):
        display_percent(part, whole)
