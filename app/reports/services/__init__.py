"""Report services: each builds the plain data one page, PDF or export shows."""
