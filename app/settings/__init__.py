"""Typed settings: defaults registered in code, overrides stored in the database."""
