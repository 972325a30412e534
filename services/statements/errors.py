"""The one exception statement services raise, with words written for the person acting."""


class StatementError(ValueError):
    """An action on a statement that cannot be done; `field` names the form field if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
