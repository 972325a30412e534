"""The web face: one package per area, each with an init_app(app) that registers it."""

import importlib

from flask import Flask

# Adding an area to the platform is adding its package here.
AREAS = [
    "blueprints.core",
    "blueprints.accounts",
    "blueprints.staff",
    "blueprints.ops",
    "blueprints.api",
    "blueprints.membership",
    "blueprints.petitions",
    "blueprints.statements",
    "blueprints.polls",
]


def register_areas(app: Flask) -> None:
    for name in AREAS:
        importlib.import_module(name).init_app(app)
