"""The tables. Importing this package registers every model with the metadata."""

from models import accounts, audit, jobs, membership, outbox, petitions, polls, statements  # noqa: F401
from models.base import Base

__all__ = ["Base"]
