"""Tests for word-level diffs between statement revisions."""

import pytest

from rules.statements.word_diff import tokenise, word_diff, word_diff_html


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We call for fair pay for all social workers.",
            "We call for fair pay for every social worker.",
            [
                ("equal", "We call for fair pay for "),
                ("delete", "all"),
                ("insert", "every"),
                ("equal", " social "),
                ("delete", "workers"),
                ("insert", "worker"),
                ("equal", "."),
            ],
        ),
        (
            "The quick brown fox jumps.",
            "The quick red fox jumps.",
            [
                ("equal", "The quick "),
                ("delete", "brown"),
                ("insert", "red"),
                ("equal", " fox jumps."),
            ],
        ),
        (
            "We support the motion.",
            "We support the motion. Unanimously.",
            [("equal", "We support the motion."), ("insert", " Unanimously.")],
        ),
        (
            "Members voted to adopt.",
            "Members voted to reject the proposal.",
            [("equal", "Members voted to "), ("delete", "adopt"),
             ("insert", "reject the proposal"), ("equal", ".")],
        ),
        (
            "We strongly support it.",
            "We support it.",
            [("equal", "We "), ("delete", "strongly "), ("equal", "support it.")],
        ),
        ("", "A new statement.", [("insert", "A new statement.")]),
        ("An old statement.", "", [("delete", "An old statement.")]),
        ("", "", []),
        ("Same text.", "Same text.", [("equal", "Same text.")]),
        (
            "It's well-being.",
            "It's wellbeing.",
            [("equal", "It's "), ("delete", "well-being"), ("insert", "wellbeing"),
             ("equal", ".")],
        ),
    ],
)
def test_word_diff_marks_only_what_changed(
    old: str, new: str, expected: list[tuple[str, str]]
) -> None:
    assert word_diff(old, new) == expected


def test_one_changed_word_in_a_long_paragraph_is_one_delete_and_one_insert() -> None:
    words = [f"word{n}" for n in range(300)]
    old = " ".join(words)
    words[150] = "changed"
    diff = word_diff(old, " ".join(words))
    changes = [segment for segment in diff if segment[0] != "equal"]
    assert changes == [("delete", "word150"), ("insert", "changed")]


def test_unchanged_paragraphs_stay_whole_when_another_changes() -> None:
    old = "First paragraph stays.\n\nSecond one changes here.\n\nThird stays.\n"
    new = "First paragraph stays.\n\nSecond one changes there.\n\nThird stays.\n"
    assert word_diff(old, new) == [
        ("equal", "First paragraph stays.\n\nSecond one changes "),
        ("delete", "here"),
        ("insert", "there"),
        ("equal", ".\n\nThird stays.\n"),
    ]


def test_added_paragraph_at_the_end_is_one_insert() -> None:
    old = "# Title\n\nBody.\n"
    new = "# Title\n\nBody.\n\nA closing paragraph.\n"
    assert word_diff(old, new) == [
        ("equal", "# Title\n\nBody.\n"),
        ("insert", "\nA closing paragraph.\n"),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The cat sat on the mat.", "A dog lay on a rug, quietly."),
        ("one\ntwo\nthree\n", "one\n2\nthree\nfour"),
        ("", "x"),
        ("- item\n- item\n", "- item\n"),
        ("Ünïcode wörds", "Unicode words"),
    ],
)
def test_diff_rebuilds_both_texts(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert "".join(text for op, text in diff if op != "insert") == old
    assert "".join(text for op, text in diff if op != "delete") == new
    assert all(text for _, text in diff)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Fair pay, now!", ["Fair", " ", "pay", ",", " ", "now", "!"]),
        ("don't  stop", ["don't", "  ", "stop"]),
        ("**bold**", ["*", "*", "bold", "*", "*"]),
        ("", []),
    ],
)
def test_tokenise_splits_words_whitespace_and_punctuation(
    text: str, tokens: list[str]
) -> None:
    assert tokenise(text) == tokens
    assert "".join(tokenise(text)) == text


def test_diff_html_wraps_changes_in_ins_and_del() -> None:
    html = word_diff_html("The quick brown fox.", "The quick red fox.")
    assert html == "The quick <del>brown</del><ins>red</ins> fox."


def test_diff_html_escapes_markup_in_every_kind_of_segment() -> None:
    old = '<script>alert("old")</script> & same'
    new = "<script>alert('new')</script> & same <img src=x onerror=alert(1)>"
    html = word_diff_html(old, new)
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; same" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&quot;old&quot;" in html
    assert "&#x27;new&#x27;" in html


def test_diff_html_of_empty_old_is_one_insertion() -> None:
    assert word_diff_html("", "a < b") == "<ins>a &lt; b</ins>"
