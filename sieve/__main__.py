"""Allow ``python -m sieve``."""

import sys

from sieve.cli import main

sys.exit(main())
