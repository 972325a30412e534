"""Forms that anyone may send without an account take no CSRF token: they check the origin.

The petition signing form and the confirmation button change nothing that
belongs to the person sending them (there is no account and no session), so
a token in a cookie session buys little, and leaving it out lets every
visitor get the same page, drawn once and cacheable. What is left to stop is
another site making visitors' browsers post for it (to spread signatures
over their addresses, past the per-IP windows). Browsers say where a form
post comes from, so a post from another site is refused with the CSRF page:
``Sec-Fetch-Site`` must be same-origin (or none, typed by the user), and
``Origin``, when sent, must be this site; with neither, a ``Referer``, when
sent, must be on this site. A request with none of them comes from a program,
not a browser a page could drive, and is let through, as anyone can sign
without a browser anyway. (The OWASP CSRF cheat sheet's
"Fetch Metadata" and "verifying origin with standard headers" defences.)
"""

from functools import wraps
from urllib.parse import urlsplit

from flask import request
from flask_wtf.csrf import CSRFError
from werkzeug.wsgi import get_host

from extensions import csrf


class CrossSitePost(CSRFError):
    """A form post another site's page made a browser send: shown as the CSRF page."""

    description = "This form can only be sent from this site's own page."


def posted_from_another_site(environ: dict) -> bool:
    """What the browser's headers in this WSGI environ say: sent by another site's page.

    ``Sec-Fetch-Site`` and ``Origin`` speak first; with neither, a ``Referer`` from another
    site says it (older browsers and some privacy settings send only that).
    """
    site = environ.get("HTTP_SEC_FETCH_SITE")
    if site is not None and site not in ("same-origin", "none"):
        return True
    ours = f"{environ['wsgi.url_scheme']}://{get_host(environ)}"
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None:
        return origin != ours
    referer = environ.get("HTTP_REFERER")
    if site is None and referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() != ours.lower()
    return False


def same_origin_posts(view):
    """Exempt a view from the CSRF token and refuse form posts from other sites instead."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method == "POST" and posted_from_another_site(request.environ):
            raise CrossSitePost()
        return view(*args, **kwargs)

    return csrf.exempt(wrapped)
