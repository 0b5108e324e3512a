"""``python -m seedsite``."""

import sys

from .cli import main

sys.exit(main())
