"""Render a statement's Markdown as safe HTML, with evidence embedded, or as plain text.

Authors write CommonMark plus tables and strikethrough. Raw HTML is never
honoured (markdown-it's ``html`` option is off, so it shows as typed), and the
rendered HTML is then passed through nh3 with a short allow-list, so a gap in
either layer alone does not let markup through.

House choices:

- The page already has the statement's title as its ``h1``, so headings move
  down one level: ``#`` becomes ``h2``, ``##`` ``h3`` and so on, ``######``
  staying ``h6``. Pages that show the statement under a heading of their own (the
  staff desk, the editor's preview) move them down one more (``heading_offset=2``).
- Images are not embedded (no assets from other sites); ``![alt](url)``
  becomes a link to the image whose text is the alt text.
- Table alignment is a class (``align-left``, ``align-center``,
  ``align-right``) which the stylesheet must define; no ``style`` attribute
  survives.
- ``ol[start]`` is kept so a list written to start at 3 still does.
- Bare URLs are not turned into links (linkify-it-py is not installed).

Evidence: a top-level paragraph holding only a short code (see
``rules.statements.shortcodes``) is handed to ``evidence_renderer`` and its
trusted HTML is put in that paragraph's place after the author's text has been
sanitised, so the chart survives and nothing typed can pass as server HTML.
"""

import re
from collections.abc import Callable, Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from rules.statements.shortcodes import ShortCode, parse_shortcode

EvidenceRenderer = Callable[[ShortCode], Markup | None]

ALLOWED_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong",
        "em", "del", "code", "pre", "blockquote", "hr", "br", "table",
        "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
# nh3 wants "class" left out here: allowed_classes alone governs it.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
SUMMARY_MAX_CHARS = 280

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)
_TEXT_ALIGN = re.compile(r"text-align:\s*(left|center|right)")


def render_markdown(
    text: str, evidence_renderer: EvidenceRenderer | None = None, heading_offset: int = 1
) -> Markup:
    """Render a statement's Markdown as sanitised HTML.

    Args:
        text: the Markdown source as the author typed it.
        evidence_renderer: called once per short-code paragraph; returns the
            server-generated HTML to show there, or None if it cannot, in
            which case an escaped "[Evidence unavailable: ...]" note is shown.
            Without it, short codes are left in the output as plain text.
        heading_offset: how many levels headings move down (``#`` is ``h1`` + this).

    Returns:
        HTML that is safe to put in a page as is.
    """
    tokens = _markdown.parse(text)
    _adjust(tokens, heading_offset)
    html_parts: list[str] = []
    pending: list[Token] = []
    for code, block in _top_level_blocks(tokens):
        if code is None or evidence_renderer is None:
            pending.extend(block)
            continue
        html_parts.append(_render_sanitised(pending))
        pending = []
        html_parts.append(_render_evidence(code, evidence_renderer))
    html_parts.append(_render_sanitised(pending))
    # Each part is nh3-sanitised author HTML or escaped server HTML.
    return Markup("".join(html_parts))  # nosec B704


def plain_text(markdown: str) -> str:
    """Return the words of a statement without markup, for search and feeds.

    Each paragraph, list item, table cell or code block is one line with its
    whitespace collapsed; short-code paragraphs are left out. The result is
    text, not HTML: whoever displays it must escape it.
    """
    tokens = _markdown.parse(markdown)
    lines: list[str] = []
    for code, block in _top_level_blocks(tokens):
        if code is not None:
            continue
        for token in block:
            if token.type == "inline":
                line = _inline_text(token.children or [])
            elif token.type in ("fence", "code_block"):
                line = token.content
            else:
                continue
            line = " ".join(line.split())
            if line:
                lines.append(line)
    return "\n".join(lines)


def render_summary(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """Return a one-line plain-text summary of a statement's Markdown.

    Args:
        text: the Markdown source.
        max_chars: the longest summary wanted; longer text is cut at a word
            boundary and ends with an ellipsis, staying within the limit.

    Raises:
        ValueError: if ``max_chars`` is less than 1.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    summary = " ".join(plain_text(text).split())
    if len(summary) <= max_chars:
        return summary
    cut = summary[: max_chars - 1]
    if " " in cut and not summary[max_chars - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "\u2026"


def _render_sanitised(tokens: list[Token]) -> str:
    """Render author tokens to HTML and pass it through the allow-list."""
    if not tokens:
        return ""
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"th": ALIGN_CLASSES, "td": ALIGN_CLASSES},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _render_evidence(code: ShortCode, evidence_renderer: EvidenceRenderer) -> str:
    """Return the evidence HTML for a short code, or a visible note."""
    rendered = evidence_renderer(code)
    if rendered is None:
        note = escape(f"[Evidence unavailable: {code.describe()}]")
        return f'<p class="evidence-unavailable">{note}</p>\n'
    # escape() leaves Markup alone but protects us from a callback that
    # returns a plain str by mistake.
    return str(escape(rendered)) + "\n"


def _top_level_blocks(
    tokens: Sequence[Token],
) -> list[tuple[ShortCode | None, list[Token]]]:
    """Group tokens into top-level blocks, naming any that are a short code."""
    blocks: list[tuple[ShortCode | None, list[Token]]] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting != 1:
            blocks.append((_shortcode_of(current), current))
            current = []
    if current:
        blocks.append((None, current))
    return blocks


def _shortcode_of(block: list[Token]) -> ShortCode | None:
    """Return the short code a paragraph consists of, if it is exactly one."""
    if [t.type for t in block] != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    return parse_shortcode(block[1].content)


def _adjust(tokens: Sequence[Token], heading_offset: int = 1) -> None:
    """Apply the house choices (headings, alignment, del, images) in place."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + heading_offset, 6)}"
        elif token.type in ("th_open", "td_open"):
            match = _TEXT_ALIGN.search(str(token.attrs.pop("style", "")))
            if match:
                token.attrSet("class", f"align-{match[1]}")
        elif token.type == "inline" and token.children:
            token.children = _adjust_inline(token.children)


def _adjust_inline(children: list[Token]) -> list[Token]:
    """Turn strikethrough into ``del`` and images into links to the image."""
    result: list[Token] = []
    link_depth = 0
    for token in children:
        if token.type in ("s_open", "s_close"):
            token.tag = "del"
        elif token.type == "link_open":
            link_depth += 1
        elif token.type == "link_close":
            link_depth -= 1
        if token.type != "image":
            result.append(token)
            continue
        label = token.children or [Token("text", "", 0, content=token.attrGet("src"))]
        if link_depth:
            result.extend(label)
            continue
        link_open = Token("link_open", "a", 1, attrs={"href": token.attrGet("src")})
        result.extend([link_open, *label, Token("link_close", "a", -1)])
    return result


def _inline_text(children: Sequence[Token]) -> str:
    """Return the text of an inline token's children, images as alt text."""
    parts: list[str] = []
    for token in children:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(_inline_text(token.children or []))
    return "".join(parts)
