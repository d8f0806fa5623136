"""Use cases of the assessments area: they validate, change and flush; views and CLI commands commit."""
