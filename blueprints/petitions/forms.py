"""Forms for signing, proposing, moderating and searching petitions."""

from functools import lru_cache

from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import Select, html_params

from blueprints.core.forms import Form
from rules.petitions.countries import COUNTRIES
from rules.petitions.signers import MAX_NAME_LENGTH


def _strip(value):
    return value.strip() if isinstance(value, str) else value


COUNTRY_CHOICES = [("", "I live in the UK")] + [(c.code, c.name) for c in COUNTRIES]


@lru_cache(maxsize=512)
def _country_options(selected: str) -> Markup:
    return Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            code, Markup(" selected") if code == selected else "", name)
        for code, name in COUNTRY_CHOICES)


class CountrySelect(Select):
    """The country list, its 250 options rendered once per selected value, not per page view."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        options = _country_options(field.data or "")
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")  # nosec B704 (attributes escaped by html_params, options by Markup.format)


COUNTRY_CODES = frozenset(code for code, _ in COUNTRY_CHOICES)


class CountryField(SelectField):
    """The country select, checked with one set lookup: WTForms would walk all 250 choices."""

    def pre_validate(self, form):
        if self.process_errors:
            return
        if self.data not in COUNTRY_CODES:
            raise ValidationError(self.invalid_choice_message or self.gettext("Not a valid choice."))


def signature_fields(posted) -> dict:
    """The signing form's posted fields (any mapping with .get) as signing.sign takes them:
    for the view and for the surge gate, which reads the same form without Flask."""
    return {"name": posted.get("name", ""), "email": posted.get("email", ""),
            "postcode": posted.get("postcode", ""), "country": posted.get("country", ""),
            "consents": posted.get("consents", "") not in ("", "false")}


class SignForm(Form):
    """Anyone may sign, without an account: no CSRF token (the view checks the origin
    instead, blueprints.core.same_origin), so the page is the same for every visitor."""

    class Meta:
        csrf = False

    name = StringField("Your name", description="Shown on exports to staff, never published.",
                       validators=[DataRequired("Enter your name."),
                                   Length(max=MAX_NAME_LENGTH, message="Keep your name to "
                                          f"{MAX_NAME_LENGTH} characters or fewer.")],
                       render_kw={"autocomplete": "name"})
    email = EmailField("Email address",
                       description="We send a link to confirm your signature. One signature per "
                                   "email address.",
                       validators=[DataRequired("Enter your email address."),
                                   Length(max=254, message="Keep it under 254 characters."),
                                   Email("Enter an email address in the right format, like "
                                         "name@example.org.", check_deliverability=False)],
                       filters=[_strip],
                       render_kw={"autocomplete": "email", "spellcheck": "false"})
    country = CountryField("Where do you live?", choices=COUNTRY_CHOICES, default="",
                          widget=CountrySelect(),
                          description="Choose your country if you live outside the UK.")
    postcode = StringField("UK postcode",
                           description="If you live in the UK, for example SW1A 1AA.",
                           validators=[Length(max=10, message="Up to 8 characters.")],
                           render_kw={"autocomplete": "postal-code", "class": "input--short"})
    consents = BooleanField("Email me about this petition",
                            description="For example when the council responds. Nothing else.")


class ActionForm(Form):
    """A staff button that posts (approve, lock, unlock ...): a CSRF token and nothing else."""


class ConfirmForm(Form):
    """The "Confirm my signature" button: the signed token in the link is what authorises it."""

    class Meta:
        csrf = False


class ProposeForm(Form):
    action = StringField("What do you want us to do?",
                         description="One sentence, at most 80 characters.",
                         validators=[DataRequired("Enter what the petition asks for."),
                                     Length(max=80, message="Keep it to 80 characters or fewer.")])
    target = StringField("Who does it ask?",
                         description="For example the Secretary of State for Education.",
                         validators=[Length(max=200, message="Keep it to 200 characters.")])
    background = TextAreaField("Background", description="Why this matters, in a paragraph.",
                               validators=[DataRequired("Give the background."),
                                           Length(max=3000, message="Up to 3,000 characters.")])
    details = TextAreaField("More details", description="Optional.",
                            validators=[Length(max=6000, message="Keep it to 6,000 characters.")])


class StaffPetitionForm(ProposeForm):
    opens_on = DateField("Opens on", description="Leave empty to open now.",
                         validators=[Optional()])
    closes_on = DateField("Closes on", description="Leave empty for six months after opening.",
                          validators=[Optional()])


class EditPetitionForm(StaffPetitionForm):
    response_threshold = IntegerField(
        "Signatures for a council response", validators=[
            InputRequired("Enter a number."),
            NumberRange(min=1, max=10_000_000, message="Enter a number from 1 to 10,000,000.")])
    debate_threshold = IntegerField(
        "Signatures for a debate at the AGM", validators=[
            InputRequired("Enter a number."),
            NumberRange(min=2, max=10_000_000, message="Enter a number from 2 to 10,000,000.")])
    rate_short_max = IntegerField(
        "Short window: signatures from one address", description="More are held for review.",
        validators=[InputRequired("Enter a number."),
                    NumberRange(min=1, max=1_000_000, message="Enter a number from 1.")])
    rate_short_minutes = IntegerField(
        "Short window: minutes", validators=[
            InputRequired("Enter a number."),
            NumberRange(min=1, max=1440, message="Enter a number of minutes from 1 to 1,440.")])
    rate_long_max = IntegerField(
        "Long window: signatures from one address", validators=[
            InputRequired("Enter a number."),
            NumberRange(min=1, max=1_000_000, message="Enter a number from 1.")])
    rate_long_minutes = IntegerField(
        "Long window: minutes", validators=[
            InputRequired("Enter a number."),
            NumberRange(min=1, max=43_200, message="Enter a number of minutes up to 30 days.")])
    anonymise_exempt = BooleanField(
        "Keep signers' details after six months",
        description="Only while there is a reason, such as an open complaint.")


class ReasonForm(Form):
    reason = TextAreaField("Reason", description="The proposer sees this reason.",
                           validators=[DataRequired("Give a reason."),
                                       Length(max=2000, message="Keep it to 2,000 characters.")])


class RespondForm(Form):
    response = TextAreaField("The body's response",
                             description="Published on the petition page and emailed to signers "
                                         "who asked for updates.",
                             validators=[DataRequired("Write the response."),
                                         Length(max=10_000, message="Up to 10,000 characters.")])


class SignatureSearchForm(Form):
    class Meta:
        csrf = False

    email_domain = StringField("Email domain", description="For example example.org.",
                               validators=[Length(max=254)])
    ip_address = StringField("IP address", validators=[Length(max=45)])
    postcode_area = StringField("Postcode area", description="The letters, for example SW.",
                                validators=[Length(max=2, message="One or two letters.")])
    signed_from = DateField("Signed from", validators=[Optional()])
    signed_to = DateField("Signed up to and including", validators=[Optional()])
    held_only = BooleanField("Held signatures only")
    duplicates_only = BooleanField(
        "Marked as duplicates only",
        description="Signatures found sharing an earlier one's address (in its canonical form) "
                    "when addresses were first compared that way.")


class BulkActionForm(SignatureSearchForm):
    class Meta:
        csrf = True

    expected = HiddenField()


class PetitionListForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search petitions", validators=[Length(max=100)])
    sort = SelectField("Sort by", choices=[("count", "Most signatures"), ("newest", "Newest")],
                       default="count")
