"""Which network addresses the crawler may connect to, judged on the address actually resolved.

A page can link or redirect anywhere, including the cloud metadata service (169.254.169.254), the
person's router or a database on their laptop. So the crawler never connects to link-local,
multicast, unspecified or reserved addresses, and connects to private and loopback ones only when
the person pointed it there: a URL they gave (or a configured base URL) is itself private or
loopback, or they passed `--allow-private`. The check runs on every connection, after DNS
resolution, on the address then connected to (scanner.crawl.transport), so a redirect or a name
that resolves somewhere else is caught the same way and nothing can change between check and connect.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, fields

import httpx

from scanner.config import Settings
from scanner.errors import AddressRefused, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnresolvedHost(FetchError):
    """DNS gave no address for a host, or none in time."""


def kind_of(address: IPAddress) -> str | None:
    """What makes an address special: 'link-local', 'multicast', ..., or None for a public one.

    An IPv4 address mapped into IPv6 (::ffff:169.254.169.254) is judged as the IPv4 address it is.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, test in (("unspecified", address.is_unspecified), ("link-local", address.is_link_local),
                       ("multicast", address.is_multicast), ("loopback", address.is_loopback),
                       ("reserved", address.is_reserved), ("private", address.is_private)):
        if test:
            return kind
    return None


NEVER = frozenset({"unspecified", "link-local", "multicast", "reserved"})
"""Kinds no crawl ever connects to, whatever the person allowed."""


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """The addresses one run may connect to."""

    allow_private: bool = False
    """Private and loopback addresses too (a URL the person gave is on one, or --allow-private)."""

    def refusal(self, address: IPAddress) -> str | None:
        """Why the crawler must not connect to `address`, or None when it may."""
        kind = kind_of(address)
        if kind is None or (kind not in NEVER and self.allow_private):
            return None
        if kind in NEVER:
            return f"{address} is a {kind} address, never crawled"
        return f"{address} is a {kind} address (allowed only when a URL you give is one, or --allow-private)"

    def check(self, host: str, addresses: Iterable[IPAddress]) -> list[IPAddress]:
        """The addresses of `host` that may be connected to; AddressRefused when none may."""
        allowed, refused = [], []
        for address in addresses:
            reason = self.refusal(address)
            if reason is None:
                allowed.append(address)
            else:
                refused.append(reason)
        if not allowed:
            raise AddressRefused(f"not connecting to {host}: {refused[0] if refused else 'no address'}")
        return allowed


def literal_address(host: str) -> IPAddress | None:
    """The address a host spells out (127.0.0.1, [::1] without brackets), or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def resolve(host: str, port: int, timeout: float | None) -> list[IPAddress]:
    """The addresses of `host` in resolver order; a FetchError when DNS fails or takes over `timeout`.

    getaddrinfo has no timeout of its own, so it runs in a daemon thread that is abandoned when the
    deadline passes: a DNS server that never answers cannot hold the crawl.
    """
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    found: list[list[IPAddress]] = []
    failed: list[OSError] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.append([ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos])
        except OSError as error:
            failed.append(error)

    worker = threading.Thread(target=lookup, name="dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if found:
        return list(dict.fromkeys(found[0]))
    if failed:
        raise UnresolvedHost(f"DNS lookup failed for {host}")
    raise UnresolvedHost(f"DNS lookup for {host} took longer than {timeout:g} s")


def names_private_address(url: str) -> bool:
    """Whether a URL the person gave points at a private or loopback address (so crawling there is meant).

    A name that does not resolve counts as public: the fetch itself will report the failure.
    """
    try:
        parsed = httpx.URL(url)
        addresses = resolve(parsed.host, parsed.port or 443, 5.0) if parsed.host else []
    except (httpx.InvalidURL, TypeError, ValueError, FetchError):
        return False
    return any(kind_of(address) in {"private", "loopback"} for address in addresses)


def policy_for(urls: Iterable[str], settings: Settings) -> AddressPolicy:
    """The policy of a run over the person's `urls`, their configured base URLs and --allow-private.

    Base URLs left at their defaults are public API hosts and are not looked up.
    """
    defaults = Settings()
    configured = [getattr(settings, item.name) for item in fields(Settings) if item.name.endswith("_url")
                  and getattr(settings, item.name) != getattr(defaults, item.name)]
    given = [*urls, *configured]
    return AddressPolicy(settings.allow_private or any(names_private_address(url) for url in given))
