"""Forms for statements: the editor, the workflow steps, comments, endorsements and search."""


from wtforms import (
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from blueprints.core.date_fields import (
    DATE_HINT,
    TIME_HINT,
    TypedDateField,
    TypedTimeField,
    combined,
    require_both,
)
from blueprints.core.forms import Form
from blueprints.core.uk_time import to_utc
from services.statements.editing import MAX_BODY, MAX_SUMMARY, MAX_TITLE, StatementText

_LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


SUMMARY_TOO_LONG = f"Keep the summary under {MAX_SUMMARY} characters."


def _local_time(label: str, description: str) -> DateTimeLocalField:
    return DateTimeLocalField(label, format=_LOCAL_FORMATS, description=description,
                              validators=[Optional()])


class ItemNumberField(IntegerField):
    """A whole number, with a message people understand when it is not one."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Enter a number such as 12.") from error


def _item_id(label: str) -> ItemNumberField:
    return ItemNumberField(label, description="Optional: its number, as in its web address.",
                        validators=[Optional(), NumberRange(min=1, max=2**31 - 1,
                                                            message="Enter a number such as 12.")])


class StatementTextForm(Form):
    title = StringField("Title", validators=[
        DataRequired("Enter a title."),
        Length(max=MAX_TITLE, message=f"Keep the title under {MAX_TITLE} characters.")])
    summary = TextAreaField("Summary", description="One paragraph, shown in lists and the feed.",
                            validators=[DataRequired("Enter a one-paragraph summary."),
                                        Length(max=MAX_SUMMARY, message=SUMMARY_TOO_LONG)])
    body = TextAreaField(
        "Statement", description="Markdown: # heading, - list, > quote, [text](https://...), "
        "tables. Put [[poll:12:3]] (poll 12, question 3) or [[petition:7]] alone on a line to "
        "show that evidence.",
        validators=[DataRequired("Write the statement itself."),
                    Length(max=MAX_BODY, message=f"Keep the statement under {MAX_BODY:,} "
                                                 "characters.")])
    topics = StringField("Topics", description="Separate topics with commas, e.g. "
                         "Workforce, Pay, Children's services.",
                         validators=[Length(max=400, message="Give fewer, shorter topics.")])
    related_petition_id = _item_id("Related petition")
    related_poll_id = _item_id("Related poll")

    def text(self) -> StatementText:
        return StatementText(
            title=self.title.data or "", summary=self.summary.data or "",
            body=self.body.data or "", topics=self.topics.data or "",
            related_petition_id=self.related_petition_id.data,
            related_poll_id=self.related_poll_id.data)


class DraftForm(StatementTextForm):
    consultation_opens_at = _local_time(
        "Consultation opens", "Optional, UK time: members may read the draft and comment from "
        "then until it closes.")
    consultation_closes_at = _local_time("Consultation closes", "UK time.")

    def text(self) -> StatementText:
        text = super().text()
        text.consultation_opens_at = to_utc(self.consultation_opens_at.data)
        text.consultation_closes_at = to_utc(self.consultation_closes_at.data)
        return text


class ReviseForm(StatementTextForm):
    change_note = StringField("Change note", description="Public: say what changed and why.",
                              validators=[DataRequired("Say what changed and why, for the "
                                                       "public record."),
                                          Length(max=1000, message="Keep the note under 1000 "
                                                                   "characters.")])


class ActionForm(Form):
    """A button with nothing else to fill in."""


def _publish_date() -> TypedDateField:
    return TypedDateField("Date", description=DATE_HINT, validators=[Optional()])


def _publish_time() -> TypedTimeField:
    return TypedTimeField("Time", description=TIME_HINT, validators=[Optional()])


class _PublicationTime(Form):
    """A form with a date and a time to publish, typed as people write them (UK time)."""

    def publish_at(self):
        """The UK time typed, as aware UTC (None unless both fields hold one)."""
        return to_utc(combined(self.publish_date, self.publish_time))


class ApproveForm(_PublicationTime):
    when = RadioField("When should it be published?", default="now", choices=[
        ("now", "Publish now"), ("schedule", "At a set time"),
        ("later", "Not yet: approve only")],
        validators=[InputRequired("Choose when to publish.")])
    publish_date = _publish_date()
    publish_time = _publish_time()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.when.data != "schedule":
            # The time is asked for only when publishing at a set time; ignore what it holds
            # unless it holds characters no field accepts.
            for field in (self.publish_date, self.publish_time):
                if field.hidden_characters() is None:
                    field.errors = []
            return not self.errors
        # Optional() ends each field's own checks when it is blank, so the rule that a
        # scheduled publication needs both is checked here.
        return require_both(self.publish_date, self.publish_time, "to publish it") and valid


class ScheduleForm(_PublicationTime):
    publish_date = _publish_date()
    publish_time = _publish_time()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return require_both(self.publish_date, self.publish_time, "to publish it") and valid


class NoteForm(Form):
    note = TextAreaField("Note", validators=[Length(max=1000, message="Keep the note under "
                                                                      "1000 characters.")])


class WithdrawForm(Form):
    note = TextAreaField("Why is it withdrawn?", description="Shown to the public on the "
                         "statement, which stays readable.",
                         validators=[DataRequired("Say why the statement is withdrawn."),
                                     Length(max=1000, message="Keep the note under 1000 "
                                                              "characters.")])


class SupersedeForm(Form):
    replacement = SelectField("The statement that replaces it", coerce=int,
                              validators=[DataRequired("Choose the statement that replaces "
                                                       "this one.")])
    note = TextAreaField("Note", description="Optional, public. Left blank, the record says "
                         "which statement replaced it.",
                         validators=[Length(max=1000, message="Keep the note under 1000 "
                                                              "characters.")])


class CommentForm(Form):
    body = TextAreaField("Your comment", description="Only staff read comments. Up to 5,000 "
                         "characters.",
                         validators=[DataRequired("Write your comment."),
                                     Length(max=5000, message="Keep your comment under 5,000 "
                                                              "characters.")])


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search statements", validators=[Length(max=100, message="Use fewer words.")])
    topic = SelectField("Topic", choices=[("", "All topics")], validate_choice=False)
