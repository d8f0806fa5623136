"""Signing in and out, passwords, and API bearer tokens."""
