"""Password policy: length limits and a short list of passwords too common to allow."""

MIN_LENGTH = 10
MAX_LENGTH = 128

# A short deny-list drawn from the most common passwords in public breach corpora,
# limited to those at least MIN_LENGTH long (shorter ones fail on length anyway),
# plus the words people on this site are most likely to reach for.
COMMON_PASSWORDS = frozenset(
    """
    1234567890 0123456789 1111111111 0000000000 1234512345 1q2w3e4r5t qwertyuiop
    1qaz2wsx3edc password12 password123 password1234 passw0rd123 iloveyou12 qwerty1234
    qwerty12345 abcdefghij abc1234567 football12 baseball12 letmein123 welcome123
    welcome1234 sunshine12 princess12 trustno1234 superman12 starwars12 monkey1234
    dragon1234 master1234 michael123 liverpool1 chelsea123 arsenal123 manchester
    computer12 whatever12 1234qwerty qwertyuiop1 asdfghjkl1 zxcvbnm123 asdfghjkl;
    1234567891 9876543210 5555555555 7777777777 1212121212 123123123123 123456789a
    a123456789 q1w2e3r4t5 p@ssw0rd12 p@ssword123 changeme123 administrator
    socialwork socialworker socialwork1 socialwork123 socialworker1 children123
    safeguarding safeguarding1 password! password1! qwerty123! letmein1234
    """.split()
)


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Return why a new password is not acceptable, or None when it is.

    The message is written for the person choosing it.
    """
    if len(password) < MIN_LENGTH:
        return f"Your password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"Your password must be {MAX_LENGTH} characters or fewer."
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) <= 2:
        return "That password is too common and easy to guess. Choose another."
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        return "Your password must not contain your email address."
    if name and len(name) >= 4 and name.lower().replace(" ", "") in lowered.replace(" ", ""):
        return "Your password must not contain your name."
    return None
