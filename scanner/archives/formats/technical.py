"""Technical fields of exports: user agents, device and build ids, app versions, locales.

They describe a phone or an app, not the person, and read as text they come out wrong: build numbers in
an Instagram user agent as passport numbers, four-part app versions as IP addresses, the locale `en_US`
as a person. So readers leave them out of what the detectors see. A field is technical by its label
(labels are localised: a few languages are listed) or by the shape of its value (a user agent, a locale).
An IP address label is never technical: login IPs are the person's data.
"""

from __future__ import annotations

import re

LABEL_WORDS = frozenset({
    "agent", "useragent", "device", "devices", "build", "version", "locale", "os", "app", "browser",
    "cookie", "cookies", "token", "model", "carrier", "resolution", "hardware", "platform", "fbid", "uuid",
    "gerät", "geräte", "appareil", "dispositivo", "dispositivos", "navigateur", "navegador",
})
"""Words of a field's label that make it technical ("User Agent", "Device ID", "App Version")."""
_WORD = re.compile(r"[^\W\d_]+")
_USER_AGENT = re.compile(
    r"Mozilla/\d|AppleWebKit/|\bFBAV/|\bInstagram \d+(?:\.\d+){2,}"
    r"|\((?:Linux|Windows NT|Macintosh|iPhone|iPad)[;)]|\b(?:Android|iOS) \d+(?:\.\d+)*[;)]"
    r"|^[A-Za-z][\w.-]*/\d+(?:\.\d+)*(?: [\w.-]+/?[\d.]*)*$"
)
_LOCALE = re.compile(r"^[a-z]{2,3}[_-][A-Z]{2}$")


def technical(label: str, value: str) -> bool:
    """Whether a labelled value describes a device or an app, not the person."""
    words = {word.casefold() for word in _WORD.findall(label)}
    if "ip" in words:
        return False
    text = value.strip()
    return bool(words & LABEL_WORDS) or bool(_LOCALE.match(text)) or bool(_USER_AGENT.search(text))
