import pytest

from rules.text import header_value, refused_character, text_problem


@pytest.mark.parametrize(("text", "multiline", "refused"), [
    ("Ada Lovelace", False, None),
    ("Zoë Ní Bhriain 漢字 العربية", False, None),
    ("شهرزاد\u200f", False, None),  # a right-to-left mark: Arabic and Hebrew need it
    ("می\u200cخواهم", False, None),  # a zero-width non-joiner: Persian needs it
    ("", False, None),
    ("Ann\x01Lee", False, "\x01"),
    ("\x1b[31mred", False, "\x1b"),
    ("Ann\x7f", False, "\x7f"),
    ("Ann\bLee", False, "\b"),
    ("Ann\x00", False, "\x00"),
    ("Ann\x85Lee", False, "\x85"),  # C1: next line
    ("Ann\x9bLee", False, "\x9b"),  # C1: control sequence introducer
    ("Ann\tLee", False, "\t"),
    ("Ann\nLee", False, "\n"),
    ("Ann\r\nLee", False, "\r"),
    ("Ann\u2028Lee", False, "\u2028"),
    ("Ann\u202eeeL", False, "\u202e"),
    ("Ann\u2066Lee\u2069", False, "\u2066"),
    ("First\r\nSecond\n\tThird", True, None),
    ("Ann\u2028Lee", True, None),
    ("Ann\x0bLee", True, "\x0b"),
    ("Ann\x0cLee", True, "\x0c"),
    ("Ann\x1bLee", True, "\x1b"),
    ("Ann\x7fLee", True, "\x7f"),
    ("Ann\x90Lee", True, "\x90"),
    ("Ann\u202aLee", True, "\u202a"),
    ("Ann\u2069", True, "\u2069"),
])
def test_the_characters_no_field_may_hold(text, multiline, refused):
    assert refused_character(text, multiline=multiline) == refused


@pytest.mark.parametrize(("text", "multiline", "words"), [
    ("Ann\x1bLee", False, "hidden control character (U+001B)"),
    ("Ann\u202eeeL", True, "changes the direction of text (U+202E)"),
    ("Ann\nLee", False, "Keep this to one line"),
    ("Ann Lee", False, None),
])
def test_each_refusal_has_a_message_for_the_field(text, multiline, words):
    message = text_problem(text, multiline=multiline)
    assert (message is None) if words is None else (words in message)


@pytest.mark.parametrize(("value", "header"), [
    ("Confirm your response: Pay\nsurvey", "Confirm your response: Pay survey"),
    ("Results\r\nBcc: someone@example.org", "Results Bcc: someone@example.org"),
    ("\u202eevil\u202c title\x1b[0m", "evil title [0m"),
    (" reader@example.org\r\n", "reader@example.org"),
    ("Plain subject", "Plain subject"),
])
def test_header_values_are_one_line_of_visible_text(value, header):
    assert header_value(value) == header
