"""Petitions: proposing, moderating, signing, counting and answering public petitions."""


class PetitionError(ValueError):
    """Something a person asked of a petition that cannot be done; the message says why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
