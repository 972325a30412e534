"""Text people type into the platform: the characters no field may hold, and header values.

Control characters are invisible, and some of them break what the text ends up
in: an ESC or a backspace turns the Atom feed into invalid XML for every
reader, CR and LF split a mail header. Bidirectional embeddings, overrides and
isolates reorder the text around them (the "Trojan Source" trick): a name or a
payment reference shown in a staff list can read differently from what it is.
So every field refuses them, with a message by the field, rather than storing
or silently changing what was typed.

- single-line fields: every C0 control (tab, CR and LF included), DEL, every
  C1 control, and the Unicode line and paragraph separators;
- multi-line fields: the same, except tab, CR and LF (browsers send a
  textarea's line ends as CR LF);
- everywhere: the bidirectional embeddings, overrides and isolates U+202A to
  U+202E and U+2066 to U+2069. The marks (U+200E, U+200F, U+061C) and the
  joiners (U+200C, U+200D) are left alone: Arabic, Hebrew, Persian and Indic
  writing need them.
"""

import re

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MULTILINE_ALLOWED = frozenset("\t\n\r")
_CONTROLS = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE_REFUSED = re.compile(f"[{_CONTROLS}\u2028\u2029{_BIDI}]")
_MULTILINE_REFUSED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
# What a header value must not carry: any control, line separator or bidi control.
_HEADER_UNSAFE = re.compile(f"[{_CONTROLS}\u2028\u2029{_BIDI}]+")


def refused_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of ``text`` that no field of that kind may hold, or None."""
    found = (_MULTILINE_REFUSED if multiline else _SINGLE_LINE_REFUSED).search(text)
    return None if found is None else found.group()


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """A message fit to show next to the field, or None when ``text`` may be stored."""
    character = refused_character(text, multiline=multiline)
    if character is None:
        return None
    code = f"U+{ord(character):04X}"
    if character in BIDI_CONTROLS:
        return (f"Remove the hidden character that changes the direction of text ({code}): "
                "it can make what you typed read differently from what it is.")
    if character in "\t\r\n\u2028\u2029":
        return "Keep this to one line: remove the line breaks and tabs."
    return (f"Remove the hidden control character ({code}): it cannot be shown or stored. "
            "It often comes with text pasted from another program.")


def header_value(text: str) -> str:
    """``text`` made fit for a mail header: each run of control characters, line breaks
    and bidirectional controls becomes one space, and the ends are trimmed."""
    return " ".join(_HEADER_UNSAFE.sub(" ", text).split())
