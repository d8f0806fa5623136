"""Web pages of the assessments area (one blueprint per module)."""
