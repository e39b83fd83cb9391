"""Checks of the wrap-up area."""
