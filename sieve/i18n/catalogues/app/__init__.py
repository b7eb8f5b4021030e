"""Catalogue ``app.*``: the Textual app's screens, keys, dialogs and toasts.

Too long for one module, it keeps its French (``fr.py``) and English (``en.py``)
messages apart; both have the same keys.
"""

from sieve.i18n.catalogues.app.en import EN
from sieve.i18n.catalogues.app.fr import FR

__all__ = ["EN", "FR"]
