"""Places in the shared pages that areas fill when they register, without editing the core."""

# (label, endpoint) in the main navigation.
NAV_LINKS: list[tuple[str, str]] = []
# (template, order) panels on the home page.
HOME_PANELS: list[tuple[str, int]] = []
# templates included on the "Your account" page.
ACCOUNT_SECTIONS: list[str] = []
# (label, endpoint, description) on the staff home page.
STAFF_LINKS: list[tuple[str, str, str]] = []


def template_context() -> dict:
    return {"nav_links": NAV_LINKS, "account_sections": ACCOUNT_SECTIONS}
