"""Exports: handouts before the workshop; results, minutes, summaries and data after it.

Exports only read the session; they never change it.
"""
