import pytest

from rules.statements.slugs import parse_topics, slugify, topic_slug, unique_slug


@pytest.mark.parametrize(("title", "slug"), [
    ("Safe caseloads for every social worker", "safe-caseloads-for-every-social-worker"),
    ("  Pay: 5% now!  ", "pay-5-now"),
    ("Café culture — naïve?", "cafe-culture-naive"),
    ("???", "statement"),
    ("", "statement"),
    ("word " * 40, ("word-" * 16).rstrip("-")),
])
def test_a_title_becomes_a_readable_slug(title, slug):
    assert slugify(title) == slug


def test_long_slugs_stay_within_the_limit():
    assert len(slugify("a" * 200)) == 80


@pytest.mark.parametrize(("taken", "expected"), [
    (set(), "pay"), ({"pay"}, "pay-2"), ({"pay", "pay-2"}, "pay-3")])
def test_a_taken_slug_gets_a_number(taken, expected):
    assert unique_slug("pay", taken) == expected


def test_a_numbered_slug_stays_within_the_limit():
    base = "a" * 80
    assert unique_slug(base, {base}, max_length=80) == "a" * 78 + "-2"


@pytest.mark.parametrize(("text", "labels"), [
    ("Workforce, Pay", ["Workforce", "Pay"]),
    ("  Workforce ,, workforce,  Safe   practice ", ["Workforce", "Safe practice"]),
    ("", []),
])
def test_topics_are_split_tidied_and_deduplicated(text, labels):
    assert parse_topics(text) == labels


@pytest.mark.parametrize(("text", "message"), [
    ("x" * 41, "under 40"),
    (",".join(f"t{n}" for n in range(9)), "at most 8"),
])
def test_too_many_or_too_long_topics_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_topics(text)


def test_a_topic_is_filtered_by_its_slug():
    assert topic_slug("Children's services") == "children-s-services"
