"""Evidence blocks: a poll result or petition count shown in a statement by its short code.

Other areas provide the figures through two small functions their init_app
registers here (``register_provider``):

- "poll": ``poll_evidence(session, poll_id) -> {question_id: Evidence}``
  from services.polls.evidence (every question at once: the figures of a poll are
  worked out together);
- "petition": ``petition_evidence(session, petition_id) -> Evidence | None``
  from services.petitions.evidence.

A provider returns None (or, for a poll, no entry for the question) when the item
does not exist or is not published; the statement then shows a visible "Evidence
unavailable" note instead.

Drawing a statement asks each provider once per poll or petition, however many
blocks name it, and draws at most ``MAX_EVIDENCE_BLOCKS`` blocks (more cannot be
saved; an older body with more shows a note in their place): a body of 2,000
blocks once took 84 seconds to preview.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy.orm import Session

from rules.statements.shortcodes import MAX_EVIDENCE_BLOCKS, ShortCode
from services.statements.markdown import render_markdown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvidenceFigure:
    """One number in an evidence block, as words: e.g. ("Agree", "62% (254)")."""

    label: str
    value: str


@dataclass(frozen=True)
class Evidence:
    """What a provider returns for one poll question or petition."""

    title: str
    headline: str
    figures: list[EvidenceFigure] = field(default_factory=list)
    base_n: int = 0
    as_of: date | datetime | None = None
    svg: Markup | None = None
    url: str | None = None
    base_label: str = "people"


Provider = Callable[..., Evidence | None]

EVIDENCE_PROVIDERS: dict[str, Provider | None] = {"poll": None, "petition": None}


def register_provider(kind: str, provider: Provider | None) -> None:
    """Set (or with None, clear) the provider of evidence of `kind` ("poll" or "petition")."""
    if kind not in EVIDENCE_PROVIDERS:
        raise ValueError(f"unknown evidence kind {kind!r}")
    EVIDENCE_PROVIDERS[kind] = provider


def _provider(kind: str) -> Provider | None:
    return EVIDENCE_PROVIDERS.get(kind)


def find_evidence(session: Session, code: ShortCode, known: dict | None = None) -> Evidence | None:
    """The evidence a short code names; None if there is none to show.

    ``known`` keeps what each poll or petition's provider gave (one drawing of a page
    passes the same dict for every block), so each is asked once. A failing provider is
    logged and counts as having nothing to show.
    """
    known = {} if known is None else known
    key = (code.kind, code.id)
    if key not in known:
        provider = _provider(code.kind)
        try:
            known[key] = None if provider is None else provider(session, code.id)
        except Exception:  # a broken provider must not take the statement page down
            log.exception("evidence provider failed for %s", code)
            known[key] = None
    item = known[key]
    if code.kind == "poll":
        return (item or {}).get(code.question)
    return item


def _format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def evidence_html(evidence: Evidence, code: ShortCode) -> Markup:
    """Turn evidence into an accessible figure: caption, chart, the numbers as text, base, date."""
    parts = [Markup('<figure class="evidence evidence--{}" data-evidence="{}">').format(
        code.kind, str(code))]
    parts.append(Markup('<figcaption><span class="evidence__title">{}</span> '
                        '<span class="evidence__headline">{}</span></figcaption>').format(
        evidence.title, evidence.headline))
    if evidence.svg is not None:
        # Server-drawn by the provider; the figure's text repeats what it shows.
        parts.append(Markup('<div class="evidence__chart">{}</div>').format(evidence.svg))
    if evidence.figures:
        items = Markup("").join(
            Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(f.label, f.value)
            for f in evidence.figures)
        parts.append(Markup('<dl class="evidence__figures">{}</dl>').format(items))
    base = Markup("Base: {} {}.").format(f"{evidence.base_n:,}", evidence.base_label)
    if evidence.as_of is not None:
        base += Markup(" Figures as of {}.").format(_format_date(evidence.as_of))
    parts.append(Markup('<p class="evidence__base">{}</p>').format(base))
    if evidence.url:
        parts.append(Markup('<p class="evidence__link"><a href="{}">See the full figures'
                            '<span class="visually-hidden"> for {}</span></a></p>').format(
            evidence.url, evidence.title))
    parts.append(Markup("</figure>"))
    return Markup("").join(parts)


TOO_MANY_NOTE = Markup('<p class="evidence-unavailable">[Evidence not shown: a statement shows '
                       'at most {} evidence blocks.]</p>').format(MAX_EVIDENCE_BLOCKS)


def evidence_renderer(session: Session) -> Callable[[ShortCode], Markup | None]:
    """A callback for render_markdown that draws each short code's current figures: each
    poll or petition asked for once, the first MAX_EVIDENCE_BLOCKS blocks drawn."""
    known: dict = {}
    drawn = 0

    def render(code: ShortCode) -> Markup | None:
        nonlocal drawn
        drawn += 1
        if drawn > MAX_EVIDENCE_BLOCKS:
            return TOO_MANY_NOTE
        evidence = find_evidence(session, code, known)
        return None if evidence is None else evidence_html(evidence, code)

    return render


def render_statement_body(session: Session, body: str, *, heading_offset: int = 1) -> Markup:
    """The statement's Markdown as safe HTML, with evidence blocks drawn in.

    ``heading_offset`` 2 is for pages that show the statement under their own ``h2``.
    """
    return render_markdown(body, evidence_renderer=evidence_renderer(session),
                           heading_offset=heading_offset)


def related_links(session: Session, *, petition_id: int | None, poll_id: int | None,
                  ) -> list[tuple[str, str]]:
    """(label, url) of a statement's related petition and poll, where those are public."""
    links = []
    if petition_id:
        provider = _provider("petition")
        found = provider(session, petition_id) if provider else None
        if found is not None and found.url:
            links.append((found.title, found.url))
    if poll_id:
        from models.polls import Poll
        from services.links import external_url
        from services.polls.running import results_visible

        poll = session.get(Poll, poll_id)
        if poll is not None and results_visible(poll):
            links.append((f"Poll results: {poll.title}", external_url("polls.results",
                                                                      poll_id=poll.id)))
    return links
