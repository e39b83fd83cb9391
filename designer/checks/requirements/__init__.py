"""Checks of the requirements area."""
