"""The rubric engine's checks: one module each, listed in :mod:`designer.checks.registry`."""
