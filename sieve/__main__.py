"""Allow ``python -m sieve``."""

import sys

from sieve.cli.main import main

sys.exit(main())
