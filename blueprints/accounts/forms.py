"""Forms for accounts: every field has a label, a hint where it helps, and limits."""

from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from blueprints.core.forms import Form
from rules.passwords import MAX_LENGTH, MIN_LENGTH

EMAIL_HINT = "We will send a link to this address to check it is yours."
PASSWORD_HINT = (f"At least {MIN_LENGTH} characters. A few unrelated words are easy to "
                 "remember and hard to guess.")


def strip_text(value):
    return value.strip() if isinstance(value, str) else value


def email_field(label: str = "Email address", description: str = "") -> EmailField:
    return EmailField(label, description=description, filters=[strip_text], validators=[
        DataRequired("Enter your email address."),
        Length(max=254, message="Email address must be 254 characters or fewer."),
        Email("Enter an email address in the right format, like name@example.org.",
              check_deliverability=False),
    ], render_kw={"autocomplete": "email", "spellcheck": "false"})


def new_password_field(label: str = "Create a password") -> PasswordField:
    return PasswordField(label, description=PASSWORD_HINT, validators=[
        DataRequired("Enter a password."),
        Length(min=MIN_LENGTH, max=MAX_LENGTH,
               message=f"Your password must be between {MIN_LENGTH} and {MAX_LENGTH} characters."),
    ], render_kw={"autocomplete": "new-password"})


def confirm_password_field() -> PasswordField:
    return PasswordField("Confirm password", validators=[
        DataRequired("Enter the password again."),
        EqualTo("password", message="The passwords do not match."),
    ], render_kw={"autocomplete": "new-password"})


class RegisterForm(Form):
    name = StringField("Full name", filters=[strip_text], validators=[
        DataRequired("Enter your full name."),
        Length(max=100, message="Name must be 100 characters or fewer."),
    ], render_kw={"autocomplete": "name"})
    email = email_field(description=EMAIL_HINT)
    password = new_password_field()
    confirm_password = confirm_password_field()


class SignInForm(Form):
    email = email_field()
    password = PasswordField("Password", validators=[
        DataRequired("Enter your password."),
        Length(max=MAX_LENGTH, message="That password is too long."),
    ], render_kw={"autocomplete": "current-password"})


class SecondFactorForm(Form):
    code = StringField(
        "Code", description="The 6-digit code from your authenticator app, or one of your "
        "recovery codes.",
        validators=[DataRequired("Enter the code."), Length(max=20, message="That code is too long.")],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"},
    )


class SetupSecondFactorForm(Form):
    code = StringField("Code from the app", description="The 6-digit code the app shows now.",
                       validators=[DataRequired("Enter the 6-digit code."),
                                   Length(max=10, message="The code is 6 digits.")],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})


class ForgotPasswordForm(Form):
    email = email_field(description="The address you registered with.")


class ResetPasswordForm(Form):
    password = new_password_field("New password")
    confirm_password = confirm_password_field()


class ChangePasswordForm(Form):
    current_password = PasswordField("Current password", validators=[
        DataRequired("Enter your current password."), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"})
    password = new_password_field("New password")
    confirm_password = confirm_password_field()


class ChangeEmailForm(Form):
    email = email_field("New email address", description=EMAIL_HINT)
    password = PasswordField("Your password", description="To check it is really you.",
                             validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
