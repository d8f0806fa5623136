"""Background jobs with progress: inline in tests, a thread in development, RQ with Redis."""
