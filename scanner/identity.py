"""A finding's stable identity: the HMAC key, the keyed value hash and the fingerprint.

The fingerprint is source locator + entity + keyed hash of the normalised value, never an offset or a
line number (unlike gitleaks), so an edit above a value or a rescan keeps it, and triage decisions
carry over (as in detect-secrets). The key is 32 random bytes made once per data directory, mode 0600:
without it the hashes cannot be tested against guessed values.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from scanner.dbfile import private_folders
from scanner.errors import StoreError
from scanner.private import write_private
from scanner.redact import keyed_hash

KEY_FILE = "hmac.key"
FINGERPRINT_HEX = 20
"""80 bits: a collision among a million findings has odds of about 1 in 10^12."""


def load_or_create_key(data_dir: Path) -> bytes:
    """The data directory's HMAC key, created (0600) on first use."""
    path = data_dir / KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError as error:
        raise StoreError(f"cannot read the hash key {path}: {error.strerror or error}") from error
    if len(key) >= 32:
        return key
    try:
        private_folders(data_dir)
        key = secrets.token_bytes(32)
        write_private(path, key)
    except OSError as error:
        raise StoreError(f"cannot create the hash key {path}: {error.strerror or error}") from error
    return key


VALUE_HASH_HEX = 32
"""128 bits of the HMAC: plenty to tell values apart, half the index size of the full digest."""


def value_hash(value: str, entity: str, key: bytes) -> str:
    return keyed_hash(value, entity, key)[:VALUE_HASH_HEX]


def fingerprint(document_id: str, entity: str, hashed_value: str) -> str:
    """Stable across rescans: where + what + which value (already keyed), hashed again to a short id."""
    message = f"{document_id}\x00{entity}\x00{hashed_value}".encode()
    return hashlib.sha256(message).hexdigest()[:FINGERPRINT_HEX]
