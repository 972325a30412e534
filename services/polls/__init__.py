"""Polls: building, running, voting in secret, and results (see models.polls for secrecy)."""


class PollError(ValueError):
    """A poll action that cannot be done; the message is written for the person doing it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
