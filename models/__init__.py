"""The tables. Importing this package registers every model with the metadata."""

from models import accounts, audit, outbox, petitions  # noqa: F401
from models.base import Base

__all__ = ["Base"]
