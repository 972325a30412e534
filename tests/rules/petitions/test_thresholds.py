import pytest

from rules.petitions.thresholds import (
    DEBATE,
    DEFAULT_THRESHOLDS,
    RESPONSE,
    Threshold,
    newly_passed,
    progress,
)


def test_default_thresholds_are_a_response_at_1000_and_a_debate_at_10000():
    assert [(t.signatures, t.earns) for t in DEFAULT_THRESHOLDS] == [
        (1_000, "a formal response from the council"),
        (10_000, "a debate at the annual general meeting"),
    ]


@pytest.mark.parametrize(
    ("count", "next_threshold", "percent", "passed"),
    [
        (0, RESPONSE, 0, []),
        (1, RESPONSE, 0, []),
        (10, RESPONSE, 1, []),
        (500, RESPONSE, 50, []),
        (999, RESPONSE, 99, []),
        (1_000, DEBATE, 10, [RESPONSE]),
        (5_432, DEBATE, 54, [RESPONSE]),
        (9_999, DEBATE, 99, [RESPONSE]),
        (10_000, None, 100, [RESPONSE, DEBATE]),
        (250_000, None, 100, [RESPONSE, DEBATE]),
    ],
)
def test_progress_names_the_next_threshold_and_the_share_of_it_reached(
    count, next_threshold, percent, passed
):
    result = progress(count)
    assert result.next_threshold == next_threshold
    assert result.percent_to_next == percent
    assert result.passed == passed


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (1, "1 signature of the 1,000 needed for a formal response from the council"),
        (1_234, "1,234 signatures of the 10,000 needed for a debate at the annual general meeting"),
        (12_345, "12,345 signatures: every threshold reached"),
    ],
)
def test_progress_label_reads_as_a_sentence(count, label):
    assert progress(count).label == label


def test_thresholds_given_out_of_order_are_taken_lowest_first():
    low, high = Threshold(50, "a reply"), Threshold(200, "a meeting")
    result = progress(60, [high, low])
    assert result.next_threshold == high
    assert result.percent_to_next == 30
    assert result.passed == [low]


@pytest.mark.parametrize(
    ("old", "new", "crossed"),
    [
        (0, 1, []),
        (998, 999, []),
        (999, 1_000, [RESPONSE]),
        (1_000, 1_001, []),  # already told
        (500, 15_000, [RESPONSE, DEBATE]),  # both at once, e.g. after a counter catch-up
        (9_999, 10_000, [DEBATE]),
        (10_000, 20_000, []),
        (1_200, 900, []),  # fraudulent signatures removed
        (5, 5, []),
    ],
)
def test_newly_passed_lists_each_threshold_once_when_it_is_crossed(old, new, crossed):
    assert newly_passed(old, new) == crossed


def test_a_count_that_falls_back_and_rises_again_crosses_the_threshold_again():
    assert newly_passed(1_001, 990) == []
    assert newly_passed(990, 1_001) == [RESPONSE]


@pytest.mark.parametrize(("old", "new"), [(-1, 5), (5, -1)])
def test_negative_counts_are_refused(old, new):
    with pytest.raises(ValueError):
        newly_passed(old, new)


def test_progress_refuses_a_negative_count():
    with pytest.raises(ValueError):
        progress(-1)


def test_a_threshold_needs_at_least_one_signature():
    with pytest.raises(ValueError):
        Threshold(0, "nothing")
