import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.emails import (
    DOMAIN_MESSAGE,
    FORMAT_MESSAGE,
    INVISIBLE_MESSAGE,
    MIXED_SCRIPTS_MESSAGE,
    EmailAddressError,
    canonical_domain,
    canonical_email,
    is_plain_address,
    legacy_canonical_email,
)

# Every way one Gmail user was found to reach one mailbox (or look as if they did), and more.
ALICE = "aliceprobe@gmail.com"


@pytest.mark.parametrize(("typed", "canonical"), [
    ("alice.probe@gmail.com", ALICE),
    ("aliceprobe@gmail.com", ALICE),
    ("a.l.i.c.e.probe@gmail.com", ALICE),
    ("alice.probe+1@gmail.com", ALICE),
    ("alice.probe+petitions+more@gmail.com", ALICE),
    ("alice.probe@googlemail.com", ALICE),
    ("Alice.Probe@GoogleMail.COM", ALICE),
    ("ALICE.PROBE@GMAIL.COM", ALICE),
    ("  alice.probe@gmail.com\n", ALICE),
    ("alice.probe@gmail.com.", ALICE),  # the root's trailing dot
    ("\uff41lice.probe@gmail.com", ALICE),  # fullwidth a
    ("\uff41\uff4c\uff49\uff43\uff45.probe@\uff47\uff4d\uff41\uff49\uff4c\uff0e\uff43\uff4f\uff4d",
     ALICE),  # fullwidth throughout, with a fullwidth full stop
    ("alice.probe@gmai\u217c.com", ALICE),  # U+217C SMALL ROMAN NUMERAL FIFTY as l
    ("alice.probe@gmail\u3002com", ALICE),  # the ideographic full stop IDNA reads as a dot
    ("al\u00edce.probe@gmail.com", ALICE),  # accented i
    ("ali\u0301ce.probe@gmail.com", ALICE),  # the same accent typed as a combining mark
    ("\u00e1lice.pr\u00f6be@gm\u00e1il.com", ALICE),  # accents in the domain too
    ("alice.probe\u207a1@gmail.com", ALICE),  # superscript plus (NFKC: +)
    ("Pat.Signer@Example.ORG", "pat.signer@example.org"),  # dots matter outside Gmail
    ("pat.signer+petitions@example.org", "pat.signer@example.org"),  # a tag, for every domain
    ("pat@ex\u00e4mple.org", "pat@example.org"),
    ("Stra\u00dfe@example.de", "strasse@example.de"),  # casefold: sharp s is ss
    ("pat@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", "pat@xn--e1afmkfd.xn--p1ai"),
    ("pat@xn--e1afmkfd.xn--p1ai", "pat@xn--e1afmkfd.xn--p1ai"),  # the IDNA form typed
    ("PAT@XN--E1AFMKFD.XN--P1AI", "pat@xn--e1afmkfd.xn--p1ai"),
    # One script per label is anyone's own address: left as it is, only folded.
    ("\u0418\u0432\u0430\u043d.\u041f\u0435\u0442\u0440\u043e\u0432@example.org",
     "\u0438\u0432\u0430\u043d.\u043f\u0435\u0442\u0440\u043e\u0432@example.org"),
    ("\u03b5\u03bb\u03ad\u03bd\u03b7@example.gr", "\u03b5\u03bb\u03b5\u03bd\u03b7@example.gr"),
    ("\u7530\u4e2d@\u4f8b\u3048.jp", "\u7530\u4e2d@xn--r8jz45g.jp"),
    ("anna.\u0438\u0432\u0430\u043d\u043e\u0432\u0430@example.org",  # Latin and Cyrillic labels
     "anna.\u0438\u0432\u0430\u043d\u043e\u0432\u0430@example.org"),
    ("+only-a-tag@example.org", "+only-a-tag@example.org"),  # nothing before the +: kept
    ("o'neill@example.ie", "o'neill@example.ie"),
])
def test_variants_of_one_address_have_one_canonical_form(typed, canonical):
    assert canonical_email(typed) == canonical


@pytest.mark.parametrize("typed", [
    "alice.probe+1@googlemail.com", "\uff41lice@gmai\u217c.com",
    "pat@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
    "Stra\u00dfe@ex\u00e4mple.de", "+only-a-tag@example.org", "\u7530\u4e2d@\u4f8b\u3048.jp",
])
def test_the_canonical_form_is_its_own_canonical_form(typed):
    # Keys stored earlier are compared with keys worked out again from them (services.polls).
    once = canonical_email(typed)
    assert canonical_email(once) == once


@pytest.mark.parametrize(("first", "second"), [
    ("alice.probe@gmail.com", "alice.probe@example.org"),
    ("pat.signer@example.org", "patsigner@example.org"),  # dots fold at Gmail only
    ("pat@example.org", "pat@example.org.uk"),
    ("pat@example.org", "pat@xn--e1afmkfd.xn--p1ai"),
    ("anne@example.org", "anne.b@example.org"),
])
def test_different_mailboxes_keep_different_forms(first, second):
    assert canonical_email(first) != canonical_email(second)


@pytest.mark.parametrize(("typed", "message"), [
    ("\u0430lice.probe@gmail.com", MIXED_SCRIPTS_MESSAGE),  # Cyrillic a
    ("alice.pr\u043ebe@gmail.com", MIXED_SCRIPTS_MESSAGE),  # Cyrillic o
    ("alice.probe@gm\u0430il.com", MIXED_SCRIPTS_MESSAGE),  # Cyrillic a in the domain
    ("alice.probe@xn--gmil-63d.com", MIXED_SCRIPTS_MESSAGE),  # the same, in its IDNA form
    ("al\u03b9ce@example.org", MIXED_SCRIPTS_MESSAGE),  # Greek iota
    ("pat@ex\u03b1mple.org", MIXED_SCRIPTS_MESSAGE),  # Greek alpha
    ("\u043f\u0440\u0438\u043c\u03b5\u0440@example.org", MIXED_SCRIPTS_MESSAGE),  # Cyrillic+Greek
    ("\u0410lice@example.org", MIXED_SCRIPTS_MESSAGE),  # a capital Cyrillic A, cased away later
    ("ali\u200bce@gmail.com", INVISIBLE_MESSAGE),  # zero-width space
    ("alice\u00adprobe@gmail.com", INVISIBLE_MESSAGE),  # soft hyphen
    ("alice probe@gmail.com", INVISIBLE_MESSAGE),
    ("alice\u202eprobe@gmail.com", INVISIBLE_MESSAGE),  # right-to-left override
    ("pat@example..org", DOMAIN_MESSAGE),
    ("pat@xn--zz.org", DOMAIN_MESSAGE),  # an IDNA label that decodes to nothing
    ("pat@" + "a" * 64 + ".org", DOMAIN_MESSAGE),  # a label longer than DNS allows
    ("pat@exa mple.org", INVISIBLE_MESSAGE),
    ("pat", FORMAT_MESSAGE),
    ("@example.org", FORMAT_MESSAGE),
    ("pat@", FORMAT_MESSAGE),
    ("", FORMAT_MESSAGE),
])
def test_addresses_that_cannot_be_anyones_own_are_refused_with_a_message(typed, message):
    with pytest.raises(EmailAddressError) as refused:
        canonical_email(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize(("domain", "canonical"), [
    ("Example.ORG", "example.org"), ("googlemail.com", "gmail.com"),
    ("ex\u00e4mple.org", "example.org"), ("\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
                                          "xn--e1afmkfd.xn--p1ai"),
])
def test_a_domain_alone_has_the_canonical_form_of_an_addresss_domain(domain, canonical):
    assert canonical_domain(domain) == canonical


def test_the_legacy_form_was_trimmed_and_lower_case():
    assert legacy_canonical_email("  Pat.Signer@Example.ORG ") == "pat.signer@example.org"


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


_PIECES = st.sampled_from([*"abzAZ09.-+_", "xn--", "\u0430", "\u043e", "\u03b1", "\u0301", "\uff41",
                           "\u217c", "\u00df", "\u0130", "\u3002", "\u200d", "\u0627", "\u4e2d"])
_PART = st.lists(_PIECES, min_size=1, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PART, _PART)
def test_any_address_gets_a_stable_form_or_a_refusal_never_an_error(local, domain):
    try:
        once = canonical_email(f"{local}@{domain}")
    except EmailAddressError:
        return
    assert canonical_email(once) == once
