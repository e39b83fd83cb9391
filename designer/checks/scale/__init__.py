"""Checks of the scale area."""
