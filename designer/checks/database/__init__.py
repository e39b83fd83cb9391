"""Checks of the database area."""
