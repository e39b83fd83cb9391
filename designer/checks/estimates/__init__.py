"""Checks of the estimates area."""
