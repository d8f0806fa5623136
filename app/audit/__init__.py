"""Append-only, hash-chained audit log of merit-relevant decisions."""
