"""Forms for membership: joining, account changes, staff tools. Every field labelled and limited."""

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from blueprints.core.forms import Form
from models.membership import PaymentMethod
from rules.membership.events import Status
from rules.membership.regions import REGIONS, ROLES, SECTORS
from rules.membership.registration import REGULATOR_CHOICES
from rules.numbers import whole_number


def strip_text(value):
    return value.strip() if isinstance(value, str) else value


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


PAY_LABELS = {
    PaymentMethod.CARD: "Card, now (renews automatically)",
    PaymentMethod.INVOICE: "Invoice (bank transfer)",
    PaymentMethod.DIRECT_DEBIT: "Direct debit mandate",
    PaymentMethod.PAYROLL: "Payroll deduction through my employer",
}


class JoinForm(Form):
    category = RadioField("Membership category", validators=[
        InputRequired("Choose a membership category.")])
    billing = RadioField("How often to pay", default="annual",
                         choices=[("annual", "Once a year"), ("monthly", "Monthly")],
                         description="Monthly payment is open to some categories only.",
                         validators=[InputRequired("Choose how often to pay.")])
    regulator = SelectField("Your regulator",
                            choices=_blank("Choose your regulator") + list(REGULATOR_CHOICES),
                            description="Students and academics may leave this blank.")
    registration_number = StringField(
        "Registration number", filters=[strip_text],
        description="As on the register, e.g. SW12345 for Social Work England.",
        validators=[Length(max=20, message="A registration number is 20 characters or fewer.")],
        render_kw={"autocomplete": "off", "spellcheck": "false"})
    region = SelectField("Where you work", choices=_blank("Choose a nation or region")
                         + list(REGIONS), validators=[DataRequired("Choose where you work.")])
    sector = SelectField("Your sector", choices=_blank("Choose a sector") + list(SECTORS),
                         validators=[DataRequired("Choose your sector.")])
    role = SelectField("Your role", choices=_blank("Choose a role") + list(ROLES),
                       validators=[DataRequired("Choose your role.")])
    consent_to_contact = BooleanField(
        "Email me about campaigns, consultations and events",
        description="You can change your mind at any time. We always email you about your "
                    "membership and payments.")
    payment_method = RadioField("How you will pay", validators=[
        InputRequired("Choose how you will pay.")])


class CategoryChangeForm(Form):
    category = RadioField("New category", validators=[InputRequired("Choose a category.")])


class CloseAccountForm(Form):
    password = PasswordField("Your password", validators=[
        DataRequired("Enter your password to confirm.")],
        render_kw={"autocomplete": "current-password"})
    confirm = BooleanField("I understand my membership ends now and cannot be restored",
                           validators=[DataRequired("Tick the box to confirm.")])


class PaymentForm(Form):
    amount = StringField("Amount in pounds", filters=[strip_text],
                         description="For example 120.00",
                         validators=[DataRequired("Enter the amount paid."), Length(max=12)])
    method = SelectField("How they paid", choices=[
        (PaymentMethod.INVOICE, "Invoice (bank transfer)"),
        (PaymentMethod.DIRECT_DEBIT, "Direct debit"),
        (PaymentMethod.PAYROLL, "Payroll deduction"),
        (PaymentMethod.MANUAL, "Other (cheque, cash)")])
    reference = StringField("Payment reference", filters=[strip_text],
                            description="The bank, mandate or payroll reference; each is "
                                        "recorded once.",
                            validators=[DataRequired("Enter the payment's reference."),
                                        Length(max=100, message="Use 100 characters or fewer.")])
    paid_on = DateField("Date paid", description="The date the money arrived.",
                        validators=[DataRequired("Enter the date as a real date.")])


class StatusForm(Form):
    status = SelectField("New status", choices=[(s.value, s.value.capitalize()) for s in Status])
    reason = TextAreaField("Reason", filters=[strip_text],
                           description="Kept in the member's history and the audit log.",
                           validators=[DataRequired("Give a reason for the change."),
                                       Length(max=500, message="Use 500 characters or fewer.")])
    period_end = DateField("Paid up to (optional)", validators=[Optional()],
                           description="For active or grace: the renewal date.")


class MemberSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField("Name, email, member or registration number", filters=[strip_text],
                    validators=[Length(max=100)])
    status = SelectField("Status", validate_choice=False,
                         choices=_blank("Any status") + [(s.value, s.value.capitalize())
                                                         for s in Status])
    category = SelectField("Category", validate_choice=False, choices=_blank("Any category"))
    region = SelectField("Region", validate_choice=False,
                         choices=_blank("Any region") + list(REGIONS))
    sector = SelectField("Sector", validate_choice=False,
                         choices=_blank("Any sector") + list(SECTORS))


class ImportForm(Form):
    file = FileField("CSV file", description="Columns: email, name, category, status, "
                     "joined_on, period_end, region, sector, role, regulator, "
                     "registration_number, consent_to_contact.",
                     validators=[FileRequired("Choose a CSV file.")])


class CategoryForm(Form):
    code = StringField("Code", filters=[strip_text],
                       description="Lower-case letters and underscores; never changes.",
                       validators=[DataRequired("Enter a code."), Length(max=40)])
    name = StringField("Name", filters=[strip_text], validators=[
        DataRequired("Enter a name."), Length(max=80, message="Use 80 characters or fewer.")])
    description = TextAreaField("Description", filters=[strip_text],
                                validators=[Length(max=2000)])
    eligibility = StringField("Who may choose it", filters=[strip_text],
                              validators=[Length(max=300)])
    annual_fee = StringField("Annual fee in pounds", filters=[strip_text],
                             validators=[DataRequired("Enter the fee (0 if free)."),
                                         Length(max=12)])
    monthly_allowed = BooleanField("Members may pay monthly")
    needs_approval = BooleanField("Staff approve each member (e.g. hardship)")
    period_kind = RadioField("Membership period", default="rolling", choices=[
        ("rolling", "A year from the day they pay"), ("fixed", "A fixed membership year")])
    year_start_month = IntegerField("Year starts: month (1-12)", validators=[
        Optional(), NumberRange(1, 12, "Enter a month from 1 to 12.")])
    year_start_day = IntegerField("Year starts: day", validators=[
        Optional(), NumberRange(1, 31, "Enter a day from 1 to 31.")])
    pro_rata = BooleanField("Late joiners pay only for the rest of the year")
    roll_over_month = IntegerField("Roll-over date: month (optional)", validators=[
        Optional(), NumberRange(1, 12, "Enter a month from 1 to 12.")])
    roll_over_day = IntegerField("Roll-over date: day", validators=[
        Optional(), NumberRange(1, 31, "Enter a day from 1 to 31.")])
    open_to_new_members = BooleanField("Open to new members", default=True)
    stripe_annual_price_id = StringField("Stripe annual price id", filters=[strip_text],
                                         validators=[Length(max=255)])
    stripe_monthly_price_id = StringField("Stripe monthly price id", filters=[strip_text],
                                          validators=[Length(max=255)])


# Amounts are stored as pence in INTEGER columns (at most 2,147,483,647): a million pounds
# is far above any fee or payment and far below what the column holds.
MAX_POUNDS = 1_000_000
POUNDS_HINT = f"in pounds and pence, like 120.00, up to £{MAX_POUNDS:,}"


def parse_pounds(text: str) -> int | None:
    """Pounds typed by a person ("120", "£120.5", "1,200.00") as pence; None if not money
    or more than MAX_POUNDS."""
    cleaned = (text or "").strip().lstrip("£").replace(",", "")
    whole, _, fraction = cleaned.partition(".")
    pounds = whole_number(whole, maximum=MAX_POUNDS)
    pence = whole_number((fraction + "00")[:2]) if len(fraction) <= 2 else None
    if pounds is None or pence is None or fraction != fraction.strip():
        return None
    return pounds * 100 + pence
