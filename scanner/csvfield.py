"""The largest CSV field any reader accepts, set once for the whole process.

`csv.field_size_limit` is process-global: setting it in one reader changed another's behaviour
depending on import order. Every module that parses CSV imports this one instead.
"""

from __future__ import annotations

import csv
import sys

FIELD_BYTES = 16 * 1024 * 1024
"""The largest single CSV field read (a long message body); a larger one makes the file unreadable."""
csv.field_size_limit(min(sys.maxsize, FIELD_BYTES))
