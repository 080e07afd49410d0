"""The facilitator's terminal UI (Textual): screens collect choices, core/ holds the rules."""
