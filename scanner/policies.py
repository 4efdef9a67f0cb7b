"""What each platform does with public posts for AI training, once for web scans and archives alike.

The stances come from `scanner/data/platform_policies.json` (dated; the report shows the date). A web
scan matches a policy by host, an archive by the platform its reader names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from scanner.models import SourceSignals

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class PlatformPolicy:
    """A platform's stance on AI training of public content, from scanner/data/platform_policies.json."""

    platform: str
    hosts: tuple[str, ...]
    trains_by_default: bool | None
    opt_out_url: str | None
    opt_out_steps: str
    notes: tuple[str, ...]
    as_of: str


@cache
def platform_policies() -> dict[str, PlatformPolicy]:
    """Platform name -> policy."""
    data: dict[str, Any] = json.loads((DATA_DIR / "platform_policies.json").read_text(encoding="utf-8"))
    as_of = str(data.get("_about", {}).get("as_of", "unknown"))
    return {
        name: PlatformPolicy(name, tuple(entry["hosts"]), entry["trains_by_default"],
                             entry.get("opt_out_url"), entry.get("opt_out_steps", ""),
                             tuple(entry.get("notes", ())), as_of)
        for name, entry in data.items() if not name.startswith("_")
    }


def policy_for(key: str) -> PlatformPolicy | None:
    """The policy for a platform name ('reddit') or a host on it ('old.reddit.com', 'www.linkedin.com')."""
    policies = platform_policies()
    if key in policies:
        return policies[key]
    host = key.lower().removeprefix("www.")
    for policy in policies.values():
        if any(host == known.removeprefix("www.") or host.endswith("." + known) for known in policy.hosts):
            return policy
    return None


def policy_signals(key: str, platform: str | None = None) -> SourceSignals:
    """A source's platform policy as signals (web scans and archives alike); bare signals when none is known.

    `key` is the host or platform name the scorer matches; `platform` names the policy when the key
    alone does not (a Mastodon instance's host).
    """
    policy = policy_for(platform or "") or policy_for(key)
    if policy is None:
        return SourceSignals(key=key, platform=platform)
    trains = {True: "trains AI on public content by default", False: "says it does not train AI on posts",
              None: "has no clear AI-training statement"}[policy.trains_by_default]
    stance = f"{policy.platform} {trains} (as of {policy.as_of}); opt out: {policy.opt_out_steps}"
    return SourceSignals(key=key, platform=policy.platform, opt_out_url=policy.opt_out_url,
                         platform_trains_by_default=policy.trains_by_default, notes=(stance, *policy.notes))


def platform_signals(sources: Iterable[str]) -> list[SourceSignals]:
    """The policy signals of each distinct source that is a known platform (an archive's sources)."""
    return [policy_signals(source) for source in sorted(set(sources)) if policy_for(source) is not None]
