"""designer: a system design whiteboard that grades itself.

The package is the domain (session format, board model, estimates, schema reader, storage); the
Flask layer lives in :mod:`designer.web` and is the only code that imports Flask.
"""

__version__ = "0.1.0"
