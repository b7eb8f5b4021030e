"""The message catalogues, one module per key prefix (``plan.py`` holds the ``plan.*`` keys).

Each module has ``FR`` and ``EN``, dicts with the same keys; :mod:`sieve.i18n` merges them.
"""
