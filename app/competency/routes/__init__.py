"""Web pages of the competency area (one blueprint per module)."""
