"""Reusable pieces of the facilitator's screens; they show data and announce keys, nothing more."""
