"""Catalogue ``app.*``: the Textual app's screens, keys, dialogs and toasts.

Too long for one module, it keeps its French (``fr.py``) and English (``en.py``)
messages apart; both have the same keys. Each is imported when it is first asked for
(the app in French never reads the English one).
"""

from __future__ import annotations

import importlib

__all__ = ["EN", "FR"]


def __getattr__(name: str) -> dict[str, str]:
    if name in __all__:
        return getattr(importlib.import_module(f"{__name__}.{name.lower()}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
