"""The sockets under the one HTTP client: the address policy and the deadlines, enforced where bytes move.

httpx's timeouts bound each read, so a server sending its headers a byte a second never trips one.
Here every connect, TLS handshake, read and write gets at most the time left before the current
deadline (a request's, never later than its site's), set by the caller with `deadline()`; when it
has passed the exchange ends with `DeadlinePassed`, wherever it was (connecting, headers, body).

Connections are made by `GuardedBackend`: it resolves the host itself, drops the addresses the
`AddressPolicy` refuses and connects to one of the rest by number, so the address checked is the
address connected to. TLS still verifies the certificate against the host name.

Proxies come from HTTP_PROXY / HTTPS_PROXY / ALL_PROXY (and NO_PROXY) as usual; the connection to
the proxy is the person's choice and is not judged by the policy (the proxy resolves the target),
and a proxy that fails is named as the proxy, not as the site.
"""

from __future__ import annotations

import contextvars
import math
import os
import ssl
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

import httpcore
import httpx

from scanner.crawl.addresses import AddressPolicy, resolve
from scanner.errors import FetchError
from scanner.redact import error_line

_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("exposure_deadline", default=math.inf)
"""The monotonic time by which the current exchange must be done (per thread: contextvars)."""


class DeadlinePassed(FetchError):
    """The current request or site ran out of time (a message-less marker; the fetcher words it)."""


class ProxyFailed(FetchError):
    """The proxy itself could not be reached or refused the tunnel."""


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Everything on this thread inside the block ends within `seconds` (or an outer, earlier deadline)."""
    outer = _DEADLINE.get()
    until = min(outer, time.monotonic() + seconds)
    _DEADLINE.set(until)
    try:
        yield until
    finally:  # set back rather than reset by token: a generator may be closed from another context
        _DEADLINE.set(outer)


def time_left(timeout: float | None) -> float | None:
    """`timeout` cut to what is left before the deadline; DeadlinePassed when nothing is."""
    until = _DEADLINE.get()
    if until == math.inf:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("deadline passed")
    return left if timeout is None else min(timeout, left)


def _past_deadline() -> bool:
    return time.monotonic() >= _DEADLINE.get()


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by the current deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, time_left(timeout))
        except httpcore.TimeoutException:
            if _past_deadline():
                raise DeadlinePassed("deadline passed") from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, time_left(timeout))
        except httpcore.TimeoutException:
            if _past_deadline():
                raise DeadlinePassed("deadline passed") from None
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, time_left(timeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects by number to an address the policy allows, within the deadline."""

    def __init__(self, policy: AddressPolicy | None) -> None:
        self.policy = policy
        """None: the connection to a proxy, which the person chose (the proxy resolves the target)."""
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port, time_left(timeout))
        if self.policy is not None:
            addresses = self.policy.check(host, addresses)
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(str(address), port, time_left(timeout), local_address,
                                                 socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                if _past_deadline():
                    raise DeadlinePassed("deadline passed") from error
                failure = error
                continue
            return DeadlineStream(stream)
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) \
            -> httpcore.NetworkStream:
        raise FetchError(f"unix sockets are not crawled ({path})")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport over a GuardedBackend, direct or through one proxy.

    httpx.HTTPTransport takes no network backend, so its pool is built here the way it builds it,
    with the backend added; everything else (request mapping, error mapping) is httpx's.
    """

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits, proxy: str | None = None) -> None:
        # httpx.HTTPTransport.__init__ is not called: it would build a pool without our backend.
        self.proxy = proxy
        context = httpx.create_ssl_context()
        pool: httpcore.ConnectionPool
        if proxy is None:
            pool = httpcore.ConnectionPool(
                ssl_context=context, max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry, network_backend=GuardedBackend(policy))
        else:
            url = httpx.URL(proxy)
            if url.scheme not in {"http", "https"}:
                raise FetchError(f"proxy {proxy}: only http:// and https:// proxies are supported")
            pool = httpcore.HTTPProxy(
                proxy_url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port,
                                       target=url.raw_path),
                proxy_auth=(url.username.encode(), url.password.encode()) if url.username else None,
                ssl_context=context, max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry, network_backend=GuardedBackend(None))
        self._pool = pool


def environment_proxies(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """{'http': url, 'https': url, 'no': hosts} from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY."""
    found = urllib.request.getproxies_environment() if environ is None else {
        name.lower().removesuffix("_proxy"): value for name, value in environ.items()
        if name.lower().endswith("_proxy") and value}
    for scheme in ("http", "https"):
        if scheme not in found and "all" in found:
            found[scheme] = found["all"]
    return {name: value for name, value in found.items() if name in {"http", "https", "no"}}


def proxy_variable(scheme: str, environ: Mapping[str, str] | None = None) -> str:
    """The variable a scheme's proxy was read from, as it is spelled in the environment: <scheme>_proxy
    (lower case first, as urllib reads them), else all_proxy; <SCHEME>_PROXY when neither is set."""
    environ = os.environ if environ is None else environ
    for name in (f"{scheme}_proxy", f"{scheme.upper()}_PROXY", "all_proxy", "ALL_PROXY"):
        if environ.get(name):
            return name
    return f"{scheme.upper()}_PROXY"


class RoutingTransport(httpx.BaseTransport):
    """Each request direct or through the proxy its scheme has (unless NO_PROXY lists the host)."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits, proxies: Mapping[str, str]) -> None:
        self.proxies = dict(proxies)
        self._direct = GuardedTransport(policy, limits)
        self._via: dict[str, GuardedTransport] = {
            scheme: GuardedTransport(policy, limits, self.proxies[scheme])
            for scheme in ("http", "https") if scheme in self.proxies}

    def proxy_for(self, url: httpx.URL) -> str | None:
        if url.scheme not in self._via:
            return None
        if "no" in self.proxies and _bypassed(url.host, self.proxies["no"]):
            return None
        return self.proxies[url.scheme]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        proxy = self.proxy_for(request.url)
        if proxy is None:
            return self._direct.handle_request(request)
        try:
            return self._via[request.url.scheme].handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.ProxyError) as error:
            variable = proxy_variable(request.url.scheme)
            raise ProxyFailed(f"cannot use the proxy {_without_password(proxy)} (from {variable}): "
                              f"{error_line(error) or error.__class__.__name__}") from error

    def close(self) -> None:
        self._direct.close()
        for transport in self._via.values():
            transport.close()


def _bypassed(host: str, no_proxy: str) -> bool:
    """NO_PROXY as curl reads it: '*', or hosts and domain suffixes separated by commas."""
    host = host.lower().strip("[]")
    for entry in (item.strip().lower().lstrip(".") for item in no_proxy.split(",")):
        if entry == "*" or (entry and (host == entry or host.endswith(f".{entry}"))):
            return True
    return False


def _without_password(proxy: str) -> str:
    url = httpx.URL(proxy)
    return str(url.copy_with(password=None)) if url.password else proxy
