"""``python -m factcheck.evaluate PATH...``: the same as ``factcheck eval``."""

import sys

from .runner import main

sys.exit(main())
