"""Text sealed with the data directory's key before it is stored: the database file alone reads as noise.

A snippet is masked, but the words around a value are document text, and so is any identifier no
recognizer knows (a customer number, a case reference): anyone holding the database file could read
them. Snippets are sealed (AES-GCM under a key derived from the data directory's hash key, as the HTTP
cache's bodies are), so reading them takes the key file too. A value that does not open (another
key, a damaged row) reads as a placeholder, never as an error; a snippet stored before sealing, which
carries no prefix, reads as it was.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from scanner.config import default_data_dir
from scanner.identity import load_or_create_key

PREFIX = "sealed1:"
UNREADABLE = "[sealed with another key]"
_NONCE_BYTES = 12
_PURPOSE = b"exposure findings snippet"
"""Derivation label: the snippet key differs from the HTTP cache's though both come from hmac.key."""


class Sealer:
    """Seals and opens short texts under a key derived from the data directory's key (made lazily)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key
        self._cipher: AESGCM | None = None

    def _aead(self) -> AESGCM:
        if self._cipher is None:
            secret = self._key if self._key is not None else load_or_create_key(default_data_dir())
            self._cipher = AESGCM(hmac.new(secret, _PURPOSE, hashlib.sha256).digest())
        return self._cipher

    def seal(self, text: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead().encrypt(nonce, text.encode("utf-8"), None)
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored
        try:
            data = base64.b64decode(stored[len(PREFIX):], validate=True)
            return self._aead().decrypt(data[:_NONCE_BYTES], data[_NONCE_BYTES:], None).decode("utf-8")
        except (ValueError, InvalidTag):
            return UNREADABLE
