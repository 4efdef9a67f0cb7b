"""A synthetic Takeout with a Gmail mailbox of any size, for tests (and a by-hand measure) of split Takeouts.

The mailbox exercises what a span of messages must get right: owner addresses learned on the way (a
Delivered-To, a Sent message from an older address, later mail from it with no label), messages without
a Message-ID (named by their index), spam, empty messages (one Sent, from an address later mail comes
from: unread, it teaches nothing), a Sent message with no subject (its body decides whether it teaches),
quoted '>From ' lines and a 'From ' line that is no separator.
Synthetic people only.
"""

from __future__ import annotations

from pathlib import Path

from samples.builders import write_zip
from samples.builders.takeout import files

MAILBOX = "Takeout/Mail/All mail Including Spam and Trash.mbox"
_BODIES = (
    "Please call me on +1 503-555-{n:04} before the pump review.",
    "Dues for 1427 Alder Street, Portland, OR 97205 received, member {n}.",
    "My therapist moved the anxiety session to Tuesday {n}.",
    "Reach Jonas at jonas.berg{n}@example.com about the lease.",
)


def _message(n: int, padding: int) -> str:
    kind = n % 9
    labels = {0: "Sent", 3: "Spam", 5: ""}.get(kind, "Inbox")
    sender = {0: "rowan@old.example", 5: "rowan@old.example", 6: "ro.hale@mail.example"}.get(
        kind, f"friend{n % 13}@example.net")
    sender = "ghost@old.example" if n % 18 in (9, 14) else sender  # an empty Sent message teaches nothing
    sender = "quiet@old.example" if n % 18 == 17 or n % 36 == 23 else sender  # Sent, no subject, a body
    labels = "Sent" if n % 18 == 17 else labels
    headers = [f"From 18{n:017}@xxx Mon Jun 03 09:00:00 +0000 2024"]
    headers += [f"X-Gmail-Labels: {labels}"] if labels else []
    headers += [f"Message-ID: <m{n}@mail.example>"] if n % 4 else []
    headers += ["Delivered-To: ro.hale@mail.example"] if kind == 2 else []
    headers += [f"From: {sender}", "To: rowan.hale@example.org", "Date: Mon, 03 Jun 2024 09:00:00 +0000"]
    empty = (kind == 7 and n % 2 == 0) or n % 18 == 9
    headers += [] if empty or kind == 8 else [f"Subject: Note {n}"]
    body = "" if empty else _BODIES[n % len(_BODIES)].format(n=n) + "\n>From the desk of Rowan.\n"
    body += "" if empty or n % 5 else "See below.\nFrom here on it is the old thread.\n"
    return "\n".join(headers) + "\n\n" + body + ("x" * padding + "\n" if padding and not empty else "") + "\n"


def mailbox(count: int, padding: int = 0) -> bytes:
    """`count` messages, each body padded with `padding` bytes."""
    return "".join(_message(n, padding) for n in range(count)).encode()


def takeout_zip(path: Path, messages: int, padding: int = 0) -> Path:
    """The sample Takeout (Keep twin pair, an HTML-only note, profile, photos, ...) with a larger mailbox."""
    members = files()
    members = {name: data for name, data in members.items() if not name.endswith(".mbox")}
    members[MAILBOX] = mailbox(messages, padding)
    return write_zip(path, members)
