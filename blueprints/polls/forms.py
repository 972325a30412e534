"""Forms for building and running polls (the ballot itself is read in ballot_form.py)."""


from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from blueprints.core.forms import Form
from blueprints.core.uk_time import to_utc
from models.polls import Audience
from rules.membership.regions import REGIONS
from services.polls.builder import KIND_LABELS

TIME_HINT = "UK time, e.g. 30/06/2026 17:00."


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class PollForm(Form):
    title = StringField("Title", validators=[DataRequired("Give the poll a title."),
                                             Length(max=200, message="Keep the title under 200 characters.")])
    description = TextAreaField("What the poll is about", description="Shown above the questions.",
                                validators=[Length(max=5000, message="Keep it under 5,000 characters.")])
    audience = RadioField("Who may vote", default=Audience.MEMBERS, choices=[
        (Audience.MEMBERS, "All members in good standing when the poll opens"),
        (Audience.CATEGORIES, "Members in the categories chosen below"),
        (Audience.REGIONS, "Members in the regions chosen below"),
        (Audience.PUBLIC, "Anyone with the link (public poll: one response per browser, "
                          "confirmed by email)")])
    categories = MultiCheckboxField("Membership categories", choices=[],
                                    description="Only when the audience is chosen categories.")
    regions = MultiCheckboxField("Regions", choices=list(REGIONS),
                                 description="Only when the audience is chosen regions.")
    opens_at = DateTimeLocalField("Opens at", format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                  description="Leave empty to open it by hand. " + TIME_HINT)
    closes_at = DateTimeLocalField("Closes at", format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                   description="Leave empty to close it by hand. " + TIME_HINT)
    live_results = BooleanField("Show results while the poll is open",
                                description="Otherwise results are hidden until it closes.")
    shuffle_options = BooleanField("Shuffle the order of answers for each voter",
                                   description="Scales and yes/no questions keep their order.")
    noun = StringField("Headlines speak of", default="members",
                       description="Plural, e.g. members, social workers, respondents.",
                       validators=[DataRequired("Say who the headlines speak of."),
                                   Length(max=40, message="Keep it under 40 characters.")])
    quorum_min_ballots = IntegerField("Quorum: least number of ballots", validators=[
        Optional(), NumberRange(min=1, message="Give a number of ballots of 1 or more.")])
    quorum_min_percent = IntegerField("Quorum: least turnout (%)", validators=[
        Optional(), NumberRange(min=1, max=100, message="Give a percentage from 1 to 100.")])

    def settings(self) -> dict:
        codes = {Audience.CATEGORIES: self.categories.data,
                 Audience.REGIONS: self.regions.data}.get(self.audience.data, [])
        return {"title": self.title.data, "description": self.description.data or "",
                "audience": self.audience.data, "audience_codes": codes or [],
                "opens_at": to_utc(self.opens_at.data), "closes_at": to_utc(self.closes_at.data),
                "live_results": self.live_results.data, "shuffle_options": self.shuffle_options.data,
                "noun": self.noun.data, "quorum_min_ballots": self.quorum_min_ballots.data,
                "quorum_min_percent": self.quorum_min_percent.data}


class QuestionForm(Form):
    text = StringField("Question", validators=[DataRequired("Write the question."),
                                               Length(max=500, message="Keep it under 500 characters.")])
    hint = StringField("Hint", description="Optional help shown under the question.",
                       validators=[Length(max=500, message="Keep the hint under 500 characters.")])
    kind = SelectField("Kind of question", choices=list(KIND_LABELS.items()),
                       validators=[DataRequired("Choose a kind of question.")])
    options = TextAreaField("Answers, one a line",
                            description="Candidates for an election. Yes/no gets Yes and No when "
                                        "empty; free text needs none.",
                            validators=[Length(max=5000, message="Keep the answers under 5,000 "
                                                                 "characters.")])
    max_choices = IntegerField("Most answers a voter may tick", validators=[
        Optional(), NumberRange(min=1, message="Give a number of 1 or more.")],
        description="Multiple choice only; leave empty for no limit.")
    seats = IntegerField("Seats to fill", validators=[
        Optional(), NumberRange(min=1, max=50, message="Give a number of seats from 1 to 50.")],
        description="Ranked choice only: makes it an election (instant runoff for one seat, "
                    "Scottish STV for more).")


class OptionForm(Form):
    label = StringField("Answer", validators=[DataRequired("Write the answer."),
                                              Length(max=200, message="Keep it under 200 characters.")])
    statement = StringField("Headline wording", validators=[Length(max=200, message=(
        "Keep it under 200 characters."))],
        description="Optional: what choosing it says, e.g. “believe the case was symptomatic "
                    "of wider problems”.")


class ExtendForm(Form):
    closes_at = DateTimeLocalField("New closing time", format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired("Give the new closing time.")],
                                   description=TIME_HINT)


class LateJoinerForm(Form):
    email = StringField("Member's email address", validators=[
        DataRequired("Give the member's email address."),
        Email("Enter an email address like name@example.org."), Length(max=254)])


class ImportForm(Form):
    file = FileField("BLT file", validators=[FileRequired("Choose a BLT file.")],
                     description="The ballots of an election held on paper; the candidates "
                                 "must have the names of the question's answers.")


class PublicResponseForm(Form):
    email = StringField("Your email address", validators=[
        DataRequired("Give your email address: we send a link to confirm your response."),
        Email("Enter an email address like name@example.org."), Length(max=254)],
        description="Your response counts once you confirm it from the email we send. We keep "
                    "only a scrambled form of your address, to count one response per person.")
