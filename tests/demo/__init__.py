"""Tests of the demo data (`flask seed-demo`)."""
