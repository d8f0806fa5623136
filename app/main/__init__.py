"""Home pages, the account page and the language switch."""
