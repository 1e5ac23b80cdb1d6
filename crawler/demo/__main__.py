"""``python -m crawler.demo``: see `crawler.demo`."""

from __future__ import annotations

import sys

from crawler.demo import main

sys.exit(main())
