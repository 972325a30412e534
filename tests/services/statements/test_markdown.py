"""Tests for rendering statement Markdown as safe HTML and as plain text."""

import html
import re
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from rules.statements.shortcodes import ShortCode
from services.statements.markdown import (
    ALLOWED_TAGS,
    plain_text,
    render_markdown,
    render_summary,
)
from tests.services.statements.xss_payloads import XSS_PAYLOADS

FORBIDDEN_ELEMENTS = {
    "script", "style", "iframe", "object", "embed", "svg", "math", "form",
    "base", "meta",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "srcset", "data",
    "background", "poster", "codebase", "cite", "srcdoc",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
# Browsers drop these anywhere in a URL (tab, newline) or at its ends (C0
# controls and space) before reading the scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


class _ElementCollector(HTMLParser):
    """Collect every start tag and its attributes, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> None:
        self.elements.append((tag, attrs))


def parse_elements(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Return (tag, attributes) for every element in ``markup``."""
    collector = _ElementCollector()
    collector.feed(markup)
    collector.close()
    return collector.elements


def url_scheme(value: str) -> str | None:
    """Return the lower-case scheme a browser would see, or None if relative.

    As in the WHATWG URL parser, a scheme is a letter then letters, digits,
    "+", "-" or "."; anything else before the colon (such as "%09") makes the
    URL a relative path.
    """
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match[1] if match else None


def assert_inert(markup: str) -> None:
    """Fail unless ``markup`` holds nothing that can run script or load content.

    Checks for forbidden elements, ``on*`` event handlers, ``style``
    attributes and URL attributes whose scheme is not http, https or mailto.
    """
    for tag, attrs in parse_elements(markup):
        assert tag not in FORBIDDEN_ELEMENTS, f"<{tag}> in {markup!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"{name} on <{tag}> in {markup!r}"
            assert name != "style", f"style on <{tag}> in {markup!r}"
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, (
                    f"{name}={value!r} on <{tag}> in {markup!r}"
                )


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<img src="x" onerror="alert(1)">',
        '<p style="color:red">x</p>',
        '<a href="data:text/html,x">x</a>',
        '<a href=" \x01java\nscript:alert(1)">x</a>',
        '<a href="vbscript:x">x</a>',
        "<svg></svg>",
    ],
)
def test_inertness_checker_catches_live_markup(markup: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(markup)


def test_there_are_at_least_forty_xss_payloads() -> None:
    assert len(set(XSS_PAYLOADS)) >= 40


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_renders_inert(payload: str) -> None:
    assert_inert(render_markdown(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_uses_only_allowed_tags_and_attributes(payload: str) -> None:
    allowed_attributes = {"href", "title", "rel", "start", "class"}
    for tag, attrs in parse_elements(render_markdown(payload)):
        assert tag in ALLOWED_TAGS
        assert {name for name, _ in attrs} <= allowed_attributes


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_next_to_a_short_code_renders_inert(payload: str) -> None:
    source = f"{payload}\n\n[[petition:7]]\n\n{payload}"
    assert_inert(render_markdown(source, evidence_renderer=lambda code: None))


def test_raw_html_is_shown_as_text_not_dropped() -> None:
    rendered = render_markdown("<b>bold</b> claim")
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in rendered


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title", "<h2>Title</h2>"),
        ("## Part", "<h3>Part</h3>"),
        ("##### Deep", "<h6>Deep</h6>"),
        ("###### Deepest", "<h6>Deepest</h6>"),
        ("*soft* and **strong**", "<p><em>soft</em> and <strong>strong</strong></p>"),
        ("~~withdrawn~~", "<p><del>withdrawn</del></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        ("3. three", '<ol start="3">\n<li>three</li>\n</ol>'),
        ("> We hold", "<blockquote>\n<p>We hold</p>\n</blockquote>"),
        ("`code`", "<p><code>code</code></p>"),
        ("```python\nx = 1\n```", "<pre><code>x = 1\n</code></pre>"),
        ("a\n\n---\n\nb", "<hr>"),
        ("line  \nbreak", "<p>line<br>\nbreak</p>"),
    ],
)
def test_ordinary_markdown_renders_as_expected(source: str, expected: str) -> None:
    assert expected in render_markdown(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            '[report](https://example.org/r "The report")',
            '<a href="https://example.org/r" title="The report" '
            'rel="nofollow noopener">report</a>',
        ),
        (
            "[us](/statements/3)",
            '<a href="/statements/3" rel="nofollow noopener">us</a>',
        ),
        (
            "<mailto:office@example.org>",
            '<a href="mailto:office@example.org" rel="nofollow noopener">'
            "mailto:office@example.org</a>",
        ),
        (
            "![chart](https://example.org/c.png)",
            '<a href="https://example.org/c.png" rel="nofollow noopener">chart</a>',
        ),
    ],
)
def test_links_render_with_rel_nofollow_noopener(source: str, expected: str) -> None:
    assert expected in render_markdown(source)


def test_javascript_link_is_shown_as_text_not_as_a_link() -> None:
    rendered = render_markdown("[click](javascript:alert(1))")
    assert "<a" not in rendered
    assert "[click](javascript:alert(1))" in rendered


def test_sanitiser_removes_a_data_url_the_markdown_parser_let_through() -> None:
    # markdown-it accepts data:image/png for images; nh3 is the second layer.
    rendered = render_markdown("![pixel](data:image/png;base64,iVBORw0KGgo=)")
    assert "pixel" in rendered
    assert "href" not in rendered
    assert "data:" not in rendered


def test_table_alignment_becomes_a_class_not_a_style() -> None:
    rendered = render_markdown("| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert '<th class="align-left">L</th>' in rendered
    assert '<th class="align-center">C</th>' in rendered
    assert '<td class="align-right">3</td>' in rendered
    assert "style" not in rendered


def test_table_renders_head_and_body() -> None:
    rendered = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in rendered
    assert "<thead>" in rendered
    assert "<tbody>" in rendered
    assert "<td>2</td>" in rendered


def test_render_markdown_returns_markup() -> None:
    assert isinstance(render_markdown("x"), Markup)
    assert render_markdown("") == Markup("")


def _chart(code: ShortCode) -> Markup | None:
    """Stand-in evidence renderer with an inline SVG, as the real one has."""
    if code.kind == "poll" and code.id == 12:
        return Markup(
            f'<figure class="evidence"><svg role="img" aria-label="chart">'
            f'<rect width="{code.question}" height="1"></rect></svg></figure>'
        )
    return None


def test_short_code_paragraph_is_left_as_text_without_a_renderer() -> None:
    assert "<p>[[poll:12:3]]</p>" in render_markdown("Intro\n\n[[poll:12:3]]")


def test_evidence_renderer_output_replaces_the_short_code_paragraph() -> None:
    seen: list[ShortCode] = []

    def renderer(code: ShortCode) -> Markup | None:
        seen.append(code)
        return _chart(code)

    rendered = render_markdown("Before\n\n[[poll:12:3]]\n\nAfter", renderer)
    assert seen == [ShortCode("poll", 12, 3)]
    assert '<svg role="img" aria-label="chart"><rect width="3" height="1">' in rendered
    assert "[[poll" not in rendered
    assert rendered.index("Before") < rendered.index("<svg") < rendered.index("After")


def test_authors_raw_html_beside_a_short_code_is_escaped() -> None:
    source = '<svg onload="alert(1)"></svg>\n\n[[poll:12:3]]\n\n<script>x</script>'
    rendered = render_markdown(source, _chart)
    assert "&lt;svg onload=" in rendered
    assert "&lt;script&gt;x&lt;/script&gt;" in rendered
    assert rendered.count("<svg") == 1


def test_short_code_sharing_a_line_with_html_is_not_evidence() -> None:
    rendered = render_markdown("[[poll:12:3]]<svg onload=alert(1)>", _chart)
    assert "<svg" not in rendered
    assert "[[poll:12:3]]&lt;svg" in rendered


def test_unrenderable_short_code_shows_an_escaped_note() -> None:
    rendered = render_markdown("[[poll:99:3]]\n\n[[petition:7]]", _chart)
    assert "[Evidence unavailable: poll 99 question 3]" in rendered
    assert "[Evidence unavailable: petition 7]" in rendered


def test_short_code_inside_a_quote_is_not_replaced() -> None:
    rendered = render_markdown("> [[poll:12:3]]", _chart)
    assert "<svg" not in rendered
    assert "[[poll:12:3]]" in rendered


def test_malformed_short_code_is_ordinary_text() -> None:
    calls: list[ShortCode] = []
    rendered = render_markdown("[[poll:012:3]]", lambda c: calls.append(c))
    assert calls == []
    assert "<p>[[poll:012:3]]</p>" in rendered


def test_plain_string_from_a_renderer_is_escaped() -> None:
    rendered = render_markdown("[[petition:7]]", lambda code: "<b>oops</b>")
    assert "&lt;b&gt;oops&lt;/b&gt;" in rendered


def test_plain_text_drops_markup_and_short_codes() -> None:
    source = (
        "# Our view\n\nWe **support** [fair pay](https://e.org).\n\n"
        "[[poll:1:2]]\n\n- one\n- two"
    )
    assert plain_text(source) == "Our view\nWe support fair pay.\none\ntwo"


def test_plain_text_keeps_typed_html_as_text() -> None:
    assert plain_text("a <b>b</b> &amp; c") == "a <b>b</b> & c"


def test_summary_is_one_line_of_plain_text() -> None:
    summary = render_summary("# Heading\n\nSome *text*\nhere.")
    assert summary == "Heading Some text here."


def test_long_summary_is_cut_at_a_word_with_an_ellipsis() -> None:
    summary = render_summary("alpha beta gamma delta epsilon", max_chars=18)
    assert summary == "alpha beta gamma\u2026"
    assert len(summary) <= 18


def test_summary_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        render_summary("x", max_chars=0)
