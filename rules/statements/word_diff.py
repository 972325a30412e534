"""Word-level differences between two revisions of a statement's Markdown source."""

import re
from difflib import SequenceMatcher
from html import escape
from typing import Literal

DiffOp = Literal["equal", "insert", "delete"]
DiffSegment = tuple[DiffOp, str]

# A word keeps its inner apostrophes and hyphens ("don't", "well-being") so that
# editing one shows the whole word changed; every other character is its own
# token and runs of whitespace are one token.
_TOKEN = re.compile(r"\w+(?:['\u2019-]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokenise(text: str) -> list[str]:
    """Split text into words, whitespace runs and single punctuation marks.

    Joining the tokens gives back ``text`` exactly.
    """
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffSegment]:
    """Describe how ``new`` differs from ``old``, word by word.

    Lines are matched first, so an unchanged paragraph is never split up by
    chance matches with another one, and then the words of changed lines.
    Within each change the deletion comes before the insertion.

    Args:
        old: the earlier Markdown source.
        new: the later Markdown source.

    Returns:
        ``(op, text)`` pairs, op being "equal", "insert" or "delete". Joining
        the equal and delete texts gives ``old``; equal and insert give ``new``.
    """
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    segments: list[DiffSegment] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = "".join(old_lines[i1:i2])
        new_part = "".join(new_lines[j1:j2])
        if tag == "equal":
            segments.append(("equal", old_part))
        elif tag == "replace":
            segments.extend(_diff_tokens(tokenise(old_part), tokenise(new_part)))
        else:
            segments.append(("delete", old_part))
            segments.append(("insert", new_part))
    return _slide_to_word_start(_coalesce(_absorb_lone_spaces(segments)))


def word_diff_html(old: str, new: str) -> str:
    """Render ``word_diff`` as HTML with ``<del>`` and ``<ins>`` marks.

    Every piece of text is HTML-escaped, so the result is safe to insert into
    a page as markup even if either revision contains HTML.
    """
    parts: list[str] = []
    for op, text in word_diff(old, new):
        escaped = escape(text, quote=True)
        if op == "insert":
            parts.append(f"<ins>{escaped}</ins>")
        elif op == "delete":
            parts.append(f"<del>{escaped}</del>")
        else:
            parts.append(escaped)
    return "".join(parts)


def _diff_tokens(old_tokens: list[str], new_tokens: list[str]) -> list[DiffSegment]:
    """Diff two token lists; a replaced run becomes a delete then an insert."""
    segments: list[DiffSegment] = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(new_tokens[j1:j2])))
    return segments


def _absorb_lone_spaces(segments: list[DiffSegment]) -> list[DiffSegment]:
    """Fold whitespace that merely separates two changes into the change.

    Rewriting "a b c" as "x y z" should read as one phrase replaced, not as
    three words each replaced around two unchanged spaces.
    """
    result: list[DiffSegment] = []
    for index, (op, text) in enumerate(segments):
        between_changes = (
            0 < index < len(segments) - 1
            and segments[index - 1][0] != "equal"
            and segments[index + 1][0] != "equal"
        )
        if op == "equal" and between_changes and not text.strip():
            result.append(("delete", text))
            result.append(("insert", text))
        else:
            result.append((op, text))
    return result


def _coalesce(segments: list[DiffSegment]) -> list[DiffSegment]:
    """Merge neighbouring segments so each change is one delete and one insert."""
    result: list[DiffSegment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush_change() -> None:
        if deleted:
            result.append(("delete", "".join(deleted)))
        if inserted:
            result.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in segments:
        if not text:
            continue
        if op == "delete":
            deleted.append(text)
        elif op == "insert":
            inserted.append(text)
        else:
            flush_change()
            if result and result[-1][0] == "equal":
                result[-1] = ("equal", result[-1][1] + text)
            else:
                result.append(("equal", text))
    flush_change()
    return result


def _slide_to_word_start(segments: list[DiffSegment]) -> list[DiffSegment]:
    """Move a lone insertion or deletion to start at a word, not a space.

    Deleting "strongly" from "We strongly support" can be matched as " strongly"
    or "strongly "; readers expect the latter, so leading whitespace that the
    next unchanged text also starts with is shifted across.
    """
    result = list(segments)
    for index in range(1, len(result) - 1):
        before, change, after = result[index - 1], result[index], result[index + 1]
        if before[0] != "equal" or after[0] != "equal" or change[0] == "equal":
            continue
        text = change[1]
        lead = len(text) - len(text.lstrip())
        if 0 < lead < len(text) and after[1].startswith(text[:lead]):
            result[index - 1] = ("equal", before[1] + text[:lead])
            result[index] = (change[0], text[lead:] + text[:lead])
            result[index + 1] = ("equal", after[1][lead:])
    return [segment for segment in result if segment[1]]
