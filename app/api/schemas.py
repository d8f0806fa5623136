"""Schemas shared across API areas."""

from __future__ import annotations

import marshmallow as ma


class IdSchema(ma.Schema):
    """Just an id."""

    id = ma.fields.Integer(required=True)
