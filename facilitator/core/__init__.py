"""The domain: workshop templates, the phase state machine, ideas and voting rules.

No UI and no I/O besides the session store: the TUI, the participant server,
the CLI and the exports all call in here, so that every rule lives once.
"""
