"""Competency: the dictionary, position standards, evidence-based profiles, JPM, gaps and JP."""
