"""Use cases of the certificates area (flush, never commit)."""
