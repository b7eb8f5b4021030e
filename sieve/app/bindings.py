"""Key bindings whose descriptions are catalogue keys, worded at run time.

Widgets and screens declare ``BINDINGS`` with descriptions such as
``"app.key.undo"``; :func:`localize` replaces them by the current language's
words when the node is created, so that the footer and the help screen follow
``--lang`` without a class being rebuilt.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from sieve.i18n import t


def localize(node: DOMNode) -> None:
    """Word the descriptions of ``node``'s bindings in the current language."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("app.") else b
            for b in bindings
        ]
