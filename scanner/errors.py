"""One exception hierarchy for the whole tool; only the CLI turns these into exit codes.

    ExposureError                 base of everything exposure raises on purpose
    ├── ConfigError               a bad setting, config file or self profile
    ├── UsageError                a command-line value that names nothing (a missing path, an unknown source)
    ├── ModelError                no usable spaCy pipeline (says what to install)
    ├── DetectionError            detection itself failed (a worker process died, a recognizer raised)
    ├── InputError                a file, archive member or line that cannot be read
    │   └── ArchiveError          an archive that is corrupt, truncated or hostile (bomb, traversal)
    ├── FetchError                a URL that could not be fetched (DNS, TLS, HTTP status, size cap)
    │   ├── RobotsDenied          robots.txt forbids the fetch
    │   └── AddressRefused        the address policy forbids connecting (link-local, private, ...)
    ├── StoreError                the findings database cannot be opened or migrated
    └── OutputError               a report file cannot be written

Apart from the tree, `StoredThenInterrupted` is the KeyboardInterrupt of a Ctrl-C that came after a
scan was stored, so the CLI can say which scan was kept rather than that nothing was.

Library code raises these with one line of text that says what and where; callers that can go on
(a scan over many files) record them as `Skipped` instead of stopping.
"""


class ExposureError(Exception):
    """Base of every error exposure raises on purpose."""


class ConfigError(ExposureError):
    """A setting, config file or self profile is invalid."""


class UsageError(ExposureError):
    """A command-line value names nothing there is: a missing input, an unknown category, source or scan."""


class ModelError(ExposureError):
    """No usable spaCy pipeline is installed."""


class DetectionError(ExposureError):
    """Detection failed for reasons other than the input: a worker process died, a recognizer raised."""


class InputError(ExposureError):
    """A file, archive member or input line cannot be read."""


class ArchiveError(InputError):
    """An archive is corrupt, truncated or hostile."""


class FetchError(ExposureError):
    """A URL could not be fetched."""


class RobotsDenied(FetchError):
    """robots.txt forbids fetching this URL."""


class AddressRefused(FetchError):
    """The crawler's address policy forbids connecting to where a URL resolves."""


class StoreError(ExposureError):
    """The findings database cannot be opened, written or migrated."""


class OutputError(ExposureError):
    """A report or export file cannot be written."""


class StoredThenInterrupted(KeyboardInterrupt):
    """Ctrl-C after the scan's findings were committed: they are kept, as scan `scan_id`."""

    def __init__(self, scan_id: int) -> None:
        super().__init__(f"interrupted: the scan was stored as scan {scan_id} before the interruption")
        self.scan_id = scan_id
