"""Checks of the process area."""
