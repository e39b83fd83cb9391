"""Checks of the api area."""
