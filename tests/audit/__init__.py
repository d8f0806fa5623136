"""Tests of app/audit."""
