"""Exit codes shared by every command: 0 ok, 1 findings at or above --fail-on, 3 something was skipped.

(2, a usage or setup error, is the CLI's own.)
"""

EXIT_OK, EXIT_FINDINGS, EXIT_PARTIAL = 0, 1, 3
