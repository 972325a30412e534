import pytest

from rules.emails import canonical_email, is_plain_address


def test_the_canonical_form_is_trimmed_and_lower_case():
    assert canonical_email("  Pat.Signer@Example.ORG ") == "pat.signer@example.org"


@pytest.mark.parametrize("address", [
    "pat@example.org", "pat.signer+petitions@mail.example.co.uk", "o'neill@example.ie",
    "a@b.cd", "x_y-z@sub-domain.example.org",
])
def test_everyday_addresses_are_plain(address):
    assert is_plain_address(address)


@pytest.mark.parametrize("address", [
    "", "pat", "pat@", "@example.org", "pat@@example.org", "pat@example", "pat @example.org",
    "pat@example..org", "pat@-example.org", "pat@example.org.", "pat@exa_mple.org",
    "josé@example.org", "pat@exämple.org", "pat@example.org\n", "a" * 250 + "@b.org",
])
def test_anything_else_is_not_plain(address):
    assert not is_plain_address(address)
