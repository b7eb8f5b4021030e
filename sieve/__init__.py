"""sieve: choose the practical cases of a La Transfo programme.

The package is split in two: a headless engine (``model``, ``load``, ``save``,
``engine``, ``cli`` and friends) that never imports Textual, and ``sieve.app``,
a thin Textual layer over it.
"""

__version__ = "0.1.0"

#: The highest file-format number this version of sieve reads and writes.
FORMAT_VERSION = 1
