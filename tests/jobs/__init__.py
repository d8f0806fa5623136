"""Tests of app/jobs."""
