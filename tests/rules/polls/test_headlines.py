import pytest

from rules.polls.headlines import headline, headline_from_counts, proportion_phrase


@pytest.mark.parametrize(
    ("percent", "phrase"),
    [
        (0, "None"),
        (1, "Only 1%"),
        (2, "Only 2%"),
        (4, "Only 4%"),
        (5, "Fewer than one in 10"),
        (7, "Fewer than one in 10"),
        (8, "Just under one in 10"),
        (9, "One out of 10"),
        (11, "One out of 10"),
        (12, "Just over one in 10"),
        (15, "More than one in 10"),  # halfway: the lower anchor wins
        (16, "Almost two in 10"),
        (20, "Two out of 10"),
        (24, "Just under a quarter"),
        (25, "A quarter"),
        (27, "Just over a quarter"),
        (28, "Just under three in 10"),
        (30, "Three out of 10"),
        (32, "Just under a third"),
        (33, "A third"),
        (34, "A third"),
        (35, "Just over a third"),
        (36, "More than a third"),
        (37, "Almost four in 10"),
        (42, "Just over four in 10"),
        (45, "More than four in 10"),
        (47, "Almost half"),
        (49, "Just under half"),
        (50, "Half"),
        (51, "Just over half"),
        (53, "More than half"),
        (56, "Almost six in 10"),
        (61, "Six out of 10"),
        (64, "Almost two thirds"),
        (66, "Two thirds"),
        (67, "Two thirds"),
        (68, "Just over two thirds"),
        (72, "Just over seven in 10"),
        (74, "Just under three quarters"),
        (75, "Three quarters"),
        (77, "Just over three quarters"),
        (79, "Eight out of 10"),
        (81, "Eight out of 10"),
        (83, "More than eight in 10"),
        (86, "Almost nine in 10"),
        (88, "Just under nine in 10"),
        (90, "Nine out of 10"),
        (92, "Just over nine in 10"),
        (95, "More than nine in 10"),
        (96, "Almost all"),
        (99, "Almost all"),
        (100, "All"),
    ],
)
def test_proportion_phrase_reads_as_a_magazine_writes(percent, phrase):
    assert proportion_phrase(percent) == phrase


def test_phrase_in_the_middle_of_a_sentence_is_lower_case_but_keeps_its_numerals():
    assert proportion_phrase(86, start_of_sentence=False) == "almost nine in 10"
    assert proportion_phrase(2, start_of_sentence=False) == "only 2%"


@pytest.mark.parametrize(
    ("percent", "subject"),
    [
        (81, "Eight out of 10 members (81%)"),
        (53, "More than half of members (53%)"),
        (42, "Just over four in 10 members (42%)"),
        (86, "Almost nine in 10 members (86%)"),
        (2, "Only 2% of members"),
        (50, "Half of members (50%)"),
        (25, "A quarter of members (25%)"),
        (67, "Two thirds of members (67%)"),
        (100, "All members (100%)"),
        (0, "No members (0%)"),
        (97, "Almost all members (97%)"),
    ],
)
def test_headline_is_one_full_sentence(percent, subject):
    predicate = "believe the government should bring in new management"
    assert headline(percent, "members", predicate) == f"{subject} {predicate}."


def test_headline_does_not_double_the_full_stop_and_takes_any_noun():
    assert headline(33, noun="social workers", predicate="work unpaid overtime.") == (
        "A third of social workers (33%) work unpaid overtime."
    )


@pytest.mark.parametrize(
    ("count", "base", "sentence"),
    [
        (1, 1000, "Fewer than 1% of members agree."),
        (999, 1000, "Almost all members (>99%) agree."),
        (0, 1000, "No members (0%) agree."),
        (1000, 1000, "All members (100%) agree."),
        (81, 100, "Eight out of 10 members (81%) agree."),
        (1, 8, "More than one in 10 members (13%) agree."),  # 12.5% rounds up to 13
    ],
)
def test_headline_from_counts_never_says_none_or_all_of_a_share_that_only_rounds_there(
    count, base, sentence
):
    assert headline_from_counts(count, base) == sentence


@pytest.mark.parametrize("percent", [-1, 101, 50.0, True, "50"])
def test_a_percent_outside_0_to_100_is_refused(percent):
    with pytest.raises(ValueError):
        proportion_phrase(percent)
    with pytest.raises(ValueError):
        headline(percent)


@pytest.mark.parametrize(("count", "base"), [(1, 0), (5, 4), (-1, 4)])
def test_headline_from_counts_refuses_impossible_counts(count, base):
    with pytest.raises(ValueError):
        headline_from_counts(count, base)


def test_blank_noun_is_refused():
    with pytest.raises(ValueError):
        headline(50, noun="  ")
