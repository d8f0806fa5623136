"""Certificates (STTP): issued once per completed enrollment, rendered to PDF, verifiable in public."""
