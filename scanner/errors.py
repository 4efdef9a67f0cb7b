"""One exception hierarchy for the whole tool; only the CLI turns these into exit codes.

    ExposureError                 base of everything exposure raises on purpose
    ├── ConfigError               a bad setting, config file or self profile
    ├── UsageError                a command-line value that names nothing (a missing path, an unknown source)
    ├── ModelError                no usable spaCy pipeline (says what to install)
    ├── DetectionError            detection itself failed (a worker process died, a recognizer raised)
    ├── InputError                a file, archive member or line that cannot be read
    │   └── ArchiveError          an archive that is corrupt, truncated or hostile (bomb, traversal)
    ├── FetchError                a URL that could not be fetched (DNS, TLS, HTTP status, size cap)
    │   └── RobotsDenied          robots.txt forbids the fetch
    ├── StoreError                the findings database cannot be opened or migrated
    └── OutputError               a report file cannot be written

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


class StoreError(ExposureError):
    """The findings database cannot be opened, written or migrated."""


class OutputError(ExposureError):
    """A report or export file cannot be written."""
