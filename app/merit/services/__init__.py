"""Merit use cases: each takes the acting user and plain data, checks, changes, flushes."""
