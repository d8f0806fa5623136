"""Web pages of the courses area (one blueprint per module)."""
