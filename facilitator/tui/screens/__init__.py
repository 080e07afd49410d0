"""One module per screen; each collects the facilitator's choice and calls core/."""
