import pytest

from rules.petitions.signers import (
    MAX_NAME_LENGTH,
    SignerNameError,
    canonical_email,
    check_signer_name,
)


@pytest.mark.parametrize(
    "typed",
    [
        "anne@example.org",
        "Anne@Example.org",
        "ANNE@EXAMPLE.ORG",
        "  anne@example.org",
        "anne@example.org \n",
        "\tAnne@EXAMPLE.org\t",
    ],
)
def test_case_and_surrounding_whitespace_variants_of_an_email_are_equal(typed):
    assert canonical_email(typed) == "anne@example.org"


def test_different_addresses_stay_different():
    assert canonical_email("anne@example.org") != canonical_email("anne.b@example.org")


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("Anne-Marie O'Neil", "Anne-Marie O'Neil"),
        ("  Jo   Bloggs  ", "Jo Bloggs"),
        ("Jo\u00a0Bloggs", "Jo Bloggs"),
        ("Siân Lloyd", "Siân Lloyd"),
        ("Sia\u0302n Lloyd", "Siân Lloyd"),  # combining accent becomes one character
        ("Dr. J. R. R. Tolkien", "Dr. J. R. R. Tolkien"),
        ("A.de Souza", "A.de Souza"),
        ("Mary St.Clair", "Mary St.Clair"),
        ("Zoë D'Arcy-Smith", "Zoë D'Arcy-Smith"),
        ("محمد", "محمد"),
        ("\u0645\u0647\u200c\u0646\u0627\u0632", "\u0645\u0647\u200c\u0646\u0627\u0632"),
        ("x" * MAX_NAME_LENGTH, "x" * MAX_NAME_LENGTH),
        ("A", "A"),
    ],
)
def test_ordinary_names_are_accepted_and_tidied(typed, cleaned):
    assert check_signer_name(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("", "Enter your name"),
        ("   ", "Enter your name"),
        ("x" * (MAX_NAME_LENGTH + 1), "100 characters or fewer"),
        ("http://spam.test", "web address"),
        ("Visit HTTPS://shop", "web address"),
        ("ftp://files", "web address"),
        ("go to www.cheap", "web address"),
        ("example.com", "web address"),
        ("Anne example.co.uk", "web address"),
        ("Buy at Shop.XYZ now", "web address"),
        ("bit.ly/x", "web address"),
        ("see t.co/abc", "web address"),
        ("=HYPERLINK(\"x\")", "must not start with"),
        ("+44 123", "must not start with"),
        ("-Anne", "must not start with"),
        ("@anne", "must not start with"),
        ("  =SUM(A1)", "must not start with"),
        ("Anne\nMarie", "control characters"),
        ("Anne\tMarie", "control characters"),
        ("Anne\x00", "control characters"),
        ("Anne\x1b[31m", "control characters"),
        ("Anne\u202eeiraM", "control characters"),
        ("Anne\u2028Marie", "control characters"),
    ],
)
def test_names_that_cannot_be_published_are_refused_with_a_reason(typed, message_part):
    with pytest.raises(SignerNameError) as refused:
        check_signer_name(typed)
    assert message_part in str(refused.value)


def test_length_is_counted_after_spaces_are_tidied():
    padded = "  " + "x" * MAX_NAME_LENGTH + "  "
    assert check_signer_name(padded) == "x" * MAX_NAME_LENGTH


def test_signer_name_error_is_a_value_error():
    assert issubclass(SignerNameError, ValueError)
