"""Tests of app/org."""
