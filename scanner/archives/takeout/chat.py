"""Google Chat (`Google Chat/Groups/<DM or Space id>/messages.json`): one direct message per message.

`{"messages": [{"creator": {name, email, user_type}, "created_date": "Monday, November 4, 2024 at
3:15:22 PM UTC", "text": ..., "topic_id": ..., "message_id": ...}]}`, streamed message by message;
the time is printed in the account's locale (see dates.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.jsonstream import elements
from scanner.archives.takeout.dates import parse_display_time
from scanner.models import Document, DocumentKind, Visibility

SOURCE = "google"
_GROUP = re.compile(r"(?:^|/)Groups/([^/]+)/[^/]+$")


def chat_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    match = _GROUP.search(path)
    group = match.group(1) if match else ""
    seen: set[str] = set()
    with tree.open(path) as stream:
        for index, (_key, message) in enumerate(elements(stream, ("messages.item",))):
            if not isinstance(message, dict):
                continue
            text = message.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            anchor = message.get("message_id")
            anchor = anchor if isinstance(anchor, str) and anchor and anchor not in seen else str(index)
            seen.add(anchor)
            created = message.get("created_date")
            yield Document(
                id=f"{locator}#{anchor}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.MESSAGE,
                created_at=parse_display_time(created) if isinstance(created, str) else None,
                visibility=Visibility.DIRECT,
                metadata={"product": "Google Chat", "thread": group},
            )
