"""Web addresses for statements: a short, readable slug made from the title."""

import re
import unicodedata

MAX_SLUG_LENGTH = 80

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Return a lower-case, hyphenated ASCII slug, cut at a word; "statement" if nothing is left."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_WORD.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[
            :max_length]
        slug = slug.strip("-")
    return slug or "statement"


def unique_slug(base: str, taken: set[str], max_length: int = MAX_SLUG_LENGTH) -> str:
    """Return `base`, or `base-2`, `base-3`... whichever is not in `taken`, within the length."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[:max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def topic_slug(label: str) -> str:
    """The key a topic is filtered by: its label slugified, at most 40 characters."""
    return slugify(label, max_length=40)


MAX_TOPICS = 8
MAX_TOPIC_LENGTH = 40


def parse_topics(text: str) -> list[str]:
    """Split comma-separated topics, tidy their spacing and drop repeats (same slug), in order.

    Raises ValueError with a message for the author when a topic is too long or there
    are more than MAX_TOPICS.
    """
    labels: dict[str, str] = {}
    for raw in text.split(","):
        label = " ".join(raw.split())
        if not label:
            continue
        if len(label) > MAX_TOPIC_LENGTH:
            raise ValueError(f"Keep each topic under {MAX_TOPIC_LENGTH} characters: “{label}”.")
        labels.setdefault(topic_slug(label), label)
    if len(labels) > MAX_TOPICS:
        raise ValueError(f"Give at most {MAX_TOPICS} topics.")
    return list(labels.values())
