"""Checks of the graph area."""
