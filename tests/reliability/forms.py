"""Finding the site's forms generically: GET pages, parse every <form method="post">."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

SKIPPED_INPUT_TYPES = {"hidden", "submit", "button", "image", "reset", "file"}
# Inputs a person types text into (the others are chosen from a list, or not text).
TYPED_INPUT_TYPES = {"text", "email", "password", "search", "tel", "url"}


@dataclass
class Form:
    page: str
    action: str
    fields: list[str] = field(default_factory=list)
    # The fields a person types text into, each with whether it takes several lines.
    typed: dict[str, bool] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"form on {self.page} posting to {self.action} ({', '.join(self.fields)})"


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self._current = page, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            action = urljoin(self.page, attributes.get("action") or self.page)
            self._current = Form(self.page, action)
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select"):
            name = attributes.get("name")
            kind = (attributes.get("type") or "text").lower()
            if name and name != "csrf_token" and not (tag == "input" and kind in SKIPPED_INPUT_TYPES):
                if name not in self._current.fields:
                    self._current.fields.append(name)
                if tag == "textarea" or (tag == "input" and kind in TYPED_INPUT_TYPES):
                    self._current.typed[name] = tag == "textarea"

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def post_forms_in(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def public_pages(app) -> list[str]:
    """Paths of every GET route that takes no URL parameters (static files aside)."""
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in (rule.methods or ()) and not rule.arguments
                   and rule.endpoint != "static"})


def discover_forms(app, client) -> list[Form]:
    """Every distinct POST form reachable by GET on a parameterless page, for `client`."""
    found: dict[tuple, Form] = {}
    for path in public_pages(app):
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in post_forms_in(f"http://localhost{path}", response.get_data(as_text=True)):
            found.setdefault((form.action, tuple(form.fields)), form)
    return list(found.values())
