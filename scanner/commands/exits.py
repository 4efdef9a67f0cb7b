"""Exit codes, defined once: 0 ok, 1 findings at or above --fail-on, 2 usage or setup error, 3 partial,
130 interrupted (Ctrl-C, the shell's 128 + SIGINT)."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def scan_exit(failed: bool, skipped: int, documents: int = 1) -> int:
    """A scanning command's code: 1 at --fail-on, else 3 if anything was skipped or nothing was read,
    else 0."""
    if failed:
        return EXIT_FINDINGS
    return EXIT_PARTIAL if skipped or not documents else EXIT_OK
