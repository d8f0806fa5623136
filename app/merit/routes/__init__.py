"""Merit web pages, one blueprint per area."""
