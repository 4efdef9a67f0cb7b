"""The one polite HTTP client every crawler and platform adapter goes through.

Politeness and safety live here once, not in each adapter: an honest User-Agent, a gap between
requests to one host (`Settings.per_host_delay`, or robots.txt Crawl-delay when longer), a cap on
requests in flight per host, robots.txt for generic crawling, retries with backoff on 429/5xx that
honour Retry-After within a bounded total wait, connect/read timeouts and one deadline per request
from connect to last byte (`Settings.request_deadline`, headers included; scanner.crawl.transport),
the address policy on every connection (scanner.crawl.addresses), a streamed body cut at
`Settings.max_response_bytes`, content-type checks, redirects followed by hand (each hop checked,
loops caught), and a conditional-request cache so a rescan costs 304s.

Every failure is a `FetchError` (or `RobotsDenied`) with one line saying what and where; callers
turn it into `Skipped(url, str(error))` and go on. The client is thread-safe: use one per run.
"""

from __future__ import annotations

import codecs
import email.utils
import json
import re
import ssl
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from scanner import safejson
from scanner.config import Settings
from scanner.crawl.addresses import AddressPolicy, UnresolvedHost
from scanner.crawl.cache import CachedResponse, ConditionalCache
from scanner.crawl.limits import HostLimiter
from scanner.crawl.robots import RobotsCache
from scanner.crawl.transport import (
    DeadlinePassed,
    ProxyFailed,
    RoutingTransport,
    deadline,
    environment_proxies,
)
from scanner.errors import AddressRefused, ExposureError, FetchError
from scanner.models import Skipped
from scanner.redact import error_line

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ERROR_BODY_BYTES = 65_536
"""Error bodies are read only this far: enough for an API's error message."""
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "application/activity+json", "application/ld+json", "text/json")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_STATUS_WORDS = {
    400: "bad request", 401: "private or needs login", 403: "forbidden (private, suspended or blocked)",
    404: "not found", 410: "gone (deleted or suspended)", 451: "unavailable for legal reasons",
}


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body, whole or cut at the size cap, with what callers need to judge it."""

    url: str
    """The final URL after redirects."""
    status: int
    headers: Mapping[str, str]
    """Lower-cased header names; repeated headers joined with ', '."""
    body: bytes = field(repr=False)
    truncated: bool = False
    """The body was cut at the size cap."""
    from_cache: bool = False
    """The server answered 304 and the body is the cached copy."""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ('' when the server sent none)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def host(self) -> str:
        return httpx.URL(self.url).host

    def text(self) -> str:
        """The body decoded by its declared charset, a BOM or a meta tag, else UTF-8; never raises."""
        return self.body.decode(_encoding(self.headers.get("content-type", ""), self.body), errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON; a FetchError when it is not."""
        try:
            return safejson.loads(self.body)
        except ValueError as error:
            raise FetchError(f"{self.url}: response is not valid JSON ({error.__class__.__name__})") \
                from error

    def looks_binary(self) -> bool:
        """NUL bytes in the first few KB: an image or archive served under a text content type."""
        return b"\x00" in self.body[:4096]


def _encoding(content_type: str, body: bytes) -> str:
    declared = re.search(r"charset=[\"']?([\w\-:.]+)", content_type, re.IGNORECASE)
    candidates = [declared.group(1)] if declared else []
    if body.startswith(codecs.BOM_UTF8):
        candidates.insert(0, "utf-8-sig")
    elif body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        candidates.insert(0, "utf-16")
    meta = _CHARSET.search(body[:2048])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return "utf-8"


def skipped(url: str, error: ExposureError) -> Skipped:
    """The Skipped record for a failure at `url`, without repeating the URL inside its reason."""
    return Skipped(url, str(error).removeprefix(f"{url}: "))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date in the future; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def check_url(url: str) -> httpx.URL:
    """An absolute http(s) URL with a host, or a FetchError saying why not."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise FetchError(f"{url}: invalid URL ({error})") from error
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise FetchError(f"{url}: invalid URL (need http:// or https:// and a host)")
    return parsed


def network_error(url: str, host: str, error: httpx.TransportError, timeout: float) -> FetchError:
    """One line for a transport failure: timeout, DNS, TLS, refused connection, or what httpx said.

    What httpx says goes through error_line: h11 quotes the bytes of a malformed status or header
    line, which are whatever the server sent (a page's text, say).
    """
    text = error_line(error) if str(error) else ""
    if isinstance(error, httpx.TimeoutException):
        return FetchError(f"{url}: no answer within {timeout:g} s (slow or unreachable server)")
    if any(marker in text for marker in ("Name or service not known", "nodename nor servname",
                                         "getaddrinfo", "name resolution", "No address associated")):
        return FetchError(f"{url}: DNS lookup failed for {host}")
    if isinstance(error.__context__, ssl.SSLError) or "SSL" in text or "CERTIFICATE" in text.upper():
        return FetchError(f"{url}: TLS error ({text or error.__class__.__name__})")
    if isinstance(error, httpx.ConnectError):
        return FetchError(f"{url}: cannot connect to {host} ({text or 'connection refused'})")
    return FetchError(f"{url}: transfer failed ({error.__class__.__name__}: {text})")


class Fetcher:
    """A thread-safe polite client; one per run, closed at the end (it is a context manager)."""

    def __init__(
        self,
        settings: Settings,
        cache: ConditionalCache | None = None,
        *,
        ignore_robots_for: Collection[str] = (),
        per_host_connections: int = 2,
        max_redirects: int = 5,
        max_retries: int = 4,
        max_retry_wait: float = 60.0,
        backoff: float = 1.0,
        addresses: AddressPolicy | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> None:
        """`addresses` defaults to allowing private and loopback addresses (a caller that crawls what a
        person names passes `addresses.policy_for(their URLs)`); `proxies` defaults to the environment's."""
        self.settings = settings
        self.cache = cache
        self.max_redirects = max_redirects
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff = backoff
        self.deadline = settings.request_deadline
        """Seconds one response may take in all, so a server dripping a byte a second still ends."""
        self.limiter = HostLimiter(settings.per_host_delay, per_host_connections)
        self.robots = RobotsCache(self, settings.user_agent, ignore_robots_for)
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self._transport = RoutingTransport(addresses or AddressPolicy(allow_private=True), limits,
                                           environment_proxies() if proxies is None else proxies)
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.request_timeout, connect=min(10.0, settings.request_timeout)),
            follow_redirects=False,
            limits=limits,
            transport=self._transport,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()
        self._transport.close()

    def get(
        self,
        url: str,
        *,
        accept: Collection[str] = (),
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        robots: bool = True,
        cache: bool = True,
        allow_status: Collection[int] = (),
        max_bytes: int | None = None,
        retries: int | None = None,
    ) -> Response:
        """GET a URL politely; a FetchError (or RobotsDenied) for anything but a usable answer.

        `accept` lists acceptable media types (empty: any); `robots=False` is for documented APIs,
        not pages; `allow_status` returns those statuses (e.g. 404 from an API that means 'none')
        instead of raising; `retries` overrides the fetcher's retry count (0 for optional files).
        """
        target = check_url(url)
        if params:
            target = target.copy_merge_params(dict(params))
        key = str(target)
        cached = self.cache.get(key) if (cache and self.cache) else None
        request_headers = dict(headers or {})
        if accept and not any(name.lower() == "accept" for name in request_headers):
            request_headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
        if cached:
            request_headers.update(cached.validators())
        response = self._follow(target, request_headers, robots, accept, allow_status, max_bytes, cached,
                                self.max_retries if retries is None else retries)
        fresh = response.status == 200 and not (response.truncated or response.from_cache)
        if cache and self.cache and fresh:
            self.cache.put(key, response.url, response.headers, response.body)
        return response

    def post_json(self, url: str, payload: Mapping[str, Any], *, max_bytes: int | None = None) -> Response:
        """POST a JSON body to an API (no robots, no cache, same limits and retries)."""
        target = check_url(url)
        return self._exchange("POST", target, {"Content-Type": "application/json"},
                              json.dumps(payload).encode(), JSON_TYPES, (), max_bytes, None, self.max_retries)

    def _follow(self, target: httpx.URL, headers: dict[str, str], robots: bool, accept: Collection[str],
                allow_status: Collection[int], max_bytes: int | None,
                cached: CachedResponse | None, retries: int) -> Response:
        seen: set[str] = set()
        first = target
        for hop in range(self.max_redirects + 1):
            if str(target) in seen:
                raise FetchError(f"{target}: redirect loop")
            seen.add(str(target))
            try:
                if robots:
                    self.robots.check(str(target))
                response = self._exchange("GET", target, headers, None, accept, allow_status, max_bytes,
                                          cached, retries)
            except AddressRefused as error:
                if hop == 0:
                    raise
                raise AddressRefused(f"{first}: redirect to {target} refused: "
                                     f"{str(error).removeprefix(f'{target}: ')}") from error
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response
            try:
                target = check_url(str(target.join(location)))
            except FetchError as error:
                raise FetchError(f"{target}: redirects to an unusable address ({location[:100]})") from error
        raise FetchError(f"{target}: more than {self.max_redirects} redirects")

    def _exchange(self, method: str, target: httpx.URL, headers: Mapping[str, str], content: bytes | None,
                  accept: Collection[str], allow_status: Collection[int], max_bytes: int | None,
                  cached: CachedResponse | None, retries: int) -> Response:
        """One request with retries on 429/5xx, bounded in attempts and in total wait."""
        url, host = str(target), target.host
        waited = 0.0
        for attempt in range(retries + 1):
            response = self._once(method, target, headers, content, accept, max_bytes, cached)
            if response.status not in RETRY_STATUSES or response.status in allow_status:
                return self._judge(response, allow_status)
            asked = retry_after_seconds(response.headers.get("retry-after"))
            wait = asked if asked is not None else self.backoff * (2 ** attempt)
            if attempt == retries or waited + wait > self.max_retry_wait:
                reason = "rate limited" if response.status == 429 else "server error"
                detail = f"server asks to wait {asked:g} s more" if asked is not None else "still failing"
                raise FetchError(f"{url}: {reason} (HTTP {response.status}) after {attempt + 1} tries, "
                                 f"{detail}; gave up (waits at most {self.max_retry_wait:g} s)")
            waited += wait
            self.limiter.back_off(host, wait)
        raise AssertionError("unreachable")

    def _judge(self, response: Response, allow_status: Collection[int]) -> Response:
        status = response.status
        if status < 400 or status in allow_status:
            return response
        words = _STATUS_WORDS.get(status, "server error" if status >= 500 else "refused")
        raise FetchError(f"{response.url}: {words} (HTTP {status})")

    def _once(self, method: str, target: httpx.URL, headers: Mapping[str, str], content: bytes | None,
              accept: Collection[str], max_bytes: int | None, cached: CachedResponse | None) -> Response:
        url, host = str(target), target.host
        cap = max_bytes or self.settings.max_response_bytes
        with self.limiter.slot(host):
            started = time.monotonic()
            try:
                with deadline(self.deadline) as until, \
                        self._client.stream(method, target, headers=headers, content=content) as streamed:
                    status = streamed.status_code
                    response_headers = {name.lower(): ", ".join(streamed.headers.get_list(name))
                                        for name in streamed.headers}
                    if status == 304 and cached is not None:
                        merged = {**response_headers, "content-type": cached.content_type}
                        return Response(cached.url, 200, merged, cached.body, from_cache=True)
                    if status in REDIRECT_STATUSES:
                        return Response(url, status, response_headers, b"")
                    media = response_headers.get("content-type", "").split(";")[0].strip().lower()
                    if status < 300 and accept and media and media not in accept:
                        raise FetchError(f"{url}: expected {' or '.join(sorted(accept))}, got {media}")
                    if status >= 300:
                        cap = min(cap, ERROR_BODY_BYTES)
                    chunks: list[bytes] = []
                    size, truncated = 0, False
                    for chunk in streamed.iter_bytes():
                        if size + len(chunk) > cap:
                            chunks.append(chunk[: cap - size])
                            truncated = True
                            break
                        chunks.append(chunk)
                        size += len(chunk)
                    return Response(url, status, response_headers, b"".join(chunks), truncated=truncated)
            except DeadlinePassed as error:
                if until < started + self.deadline:
                    raise FetchError(f"{url}: stopped, the site's deadline passed "
                                     f"(site_deadline {self.settings.site_deadline:g} s)") from error
                raise FetchError(f"{url}: too slow, no complete answer within {self.deadline:g} s "
                                 "(request_deadline)") from error
            except (AddressRefused, ProxyFailed, UnresolvedHost) as error:  # from the transport: say where
                raise type(error)(f"{url}: {error}") from error
            except httpx.TransportError as error:
                raise network_error(url, host, error, self.settings.request_timeout) from error
            except httpx.HTTPError as error:
                raise FetchError(f"{url}: {error.__class__.__name__}: {error_line(error)}") from error
