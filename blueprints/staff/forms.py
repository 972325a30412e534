"""Forms for staff pages."""

from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from blueprints.core.forms import Form
from models.accounts import Role


class RoleForm(Form):
    role = SelectField("Role", choices=[(r.value, r.value.capitalize()) for r in Role],
                       validators=[DataRequired("Choose a role.")])
    reason = StringField("Reason", description="Kept in the audit log.",
                         validators=[DataRequired("Say why the role is changing."),
                                     Length(max=200, message="Keep the reason under 200 characters.")])


class UserSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search by name or email", validators=[Length(max=254)])
