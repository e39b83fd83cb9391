"""Checks of the detailed design step."""
