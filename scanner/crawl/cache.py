"""The conditional-request cache: a rescan sends If-None-Match / If-Modified-Since and pays for a 304.

Only responses that carry a validator (ETag or Last-Modified), arrived whole and do not say
`no-store` are kept. Each entry is one JSON file named by the URL's SHA-256 in a 0700 folder under
the user data directory, written 0600 through a temporary file and a rename, so a crash never
leaves half an entry and another user on the machine cannot read what was fetched. The body is
sealed (Fernet: AES with an HMAC) under a key derived from the data directory's hash key, because a
page is raw document text: like the findings database, the cache reveals no personal value without
that key, and a sealed body that does not open counts as no entry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from scanner.config import default_data_dir
from scanner.identity import load_or_create_key

CACHE_DIR_NAME = "http-cache"


def default_cache_dir() -> Path:
    return default_data_dir() / CACHE_DIR_NAME


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """What a 304 needs to stand in for the full response."""

    url: str
    """The final URL the body came from (after redirects)."""
    etag: str | None
    last_modified: str | None
    content_type: str
    body: bytes

    def validators(self) -> dict[str, str]:
        """Request headers that ask the server whether this copy is still current."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ConditionalCache:
    """Validators and bodies of earlier responses, keyed by request URL."""

    def __init__(self, directory: Path | None = None, key: bytes | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self._lock = threading.Lock()
        self._ready = False
        self._key = key
        self._fernet: Fernet | None = None

    def _sealer(self) -> Fernet:
        """The body cipher, keyed (lazily, so an unused cache makes no key) from the data directory's key."""
        if self._fernet is None:
            secret = self._key if self._key is not None else load_or_create_key(default_data_dir())
            derived = hmac.new(secret, b"exposure http-cache body", hashlib.sha256).digest()
            self._fernet = Fernet(base64.urlsafe_b64encode(derived))
        return self._fernet

    def _path(self, url: str) -> Path:
        return self.directory / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> CachedResponse | None:
        """The stored copy for a URL, or None (a damaged entry counts as none)."""
        try:
            record = json.loads(self._path(url).read_text(encoding="utf-8"))
            return CachedResponse(
                url=str(record["url"]),
                etag=record.get("etag"),
                last_modified=record.get("last_modified"),
                content_type=str(record.get("content_type", "")),
                body=self._sealer().decrypt(str(record["sealed"]).encode("ascii")),
            )
        except (OSError, ValueError, KeyError, TypeError, InvalidToken):
            return None

    def put(self, url: str, final_url: str, headers: Mapping[str, str], body: bytes) -> bool:
        """Keep a response when it can be revalidated; True when it was stored."""
        etag, last_modified = headers.get("etag"), headers.get("last-modified")
        if not (etag or last_modified) or "no-store" in headers.get("cache-control", "").lower():
            return False
        record = {
            "url": final_url,
            "etag": etag,
            "last_modified": last_modified,
            "content_type": headers.get("content-type", ""),
            "sealed": self._sealer().encrypt(body).decode("ascii"),
        }
        self._write(self._path(url), json.dumps(record).encode("utf-8"))
        return True

    def _write(self, path: Path, data: bytes) -> None:
        with self._lock:
            if not self._ready:
                self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._ready = True
            temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
