"""Organisation and people: units, positions, users and their roles."""
