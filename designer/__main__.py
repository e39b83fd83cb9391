"""``python -m designer``: the ``designer`` command (``designer serve`` starts its worker this way)."""

from designer.cli import main

main()
