"""X/Twitter archives: the modern `window.YTD` layout (2019+) and the classic 'Grailbird' one (≤2018).

Tweets (tweets.js or tweet.js, split parts, deleted-tweets, community-tweet, note-tweet) are streamed
one at a time: public, or 'followers' when the account is protected; retweets are someone else's
text shown on the person's timeline, so they are 'activity', not 'post', and their text is not read (it
is the other account's, and X truncates it); a quote tweet keeps the person's own words, without the
link to the quoted tweet; classic replies are 'comment'.
Direct messages (one-to-one and group) are 'direct'; only the messages the person sent are read,
because received ones are other people's text. Likes (like.js) are skipped entirely: they are other
people's tweets, private since 2024, and would flood the report with strangers' personal data. The
account files are in account.py. Which archive it is comes from the layout and the files'
first bytes (`data/*.js` starting `window.YTD.` or `window.__THAR_CONFIG`; classic
`data/js/tweets/YYYY_MM.js` months; a classic `tweets.csv` by its header), never from the zip's name.
A classic archive holds its tweets twice, as months and as tweets.csv: the months are read, the CSV
only when there are no months (classic_csv.py).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import coordinates, parse_time
from scanner.archives.trees.members import export_root, head, read_member
from scanner.archives.twitter.account import HANDLERS, SOURCE, Account
from scanner.archives.twitter.classic_csv import classic_csv, csv_root, csv_tweets
from scanner.archives.twitter.jsfiles import script_value, stream_records
from scanner.errors import InputError
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

MODERN_MARKERS = ("data/manifest.js", "data/account.js", "data/tweets.js", "data/tweet.js")
GRAILBIRD_MONTH = re.compile(r"^(?P<root>(?:[^/]+/){0,3}?)data/js/tweets/\d{4}_\d{2}\.js$")
TWEET_TYPES = frozenset({"tweets", "tweet", "deleted-tweets", "deleted-tweet", "community-tweet"})
DM_TYPES = frozenset({"direct-messages", "direct-messages-group", "direct-message", "direct-message-group"})
_REPLY_KEYS = ("in_reply_to_status_id_str", "in_reply_to_status_id", "in_reply_to_screen_name")
"""Any of these set makes a tweet a reply."""
_DATA_FILE = re.compile(r"^(?P<type>[a-z0-9-]+?)(?:-part(?P<part>\d+))?\.js$")
_STATUS_LINK = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/\d+",
                          re.IGNORECASE)
"""A link to a tweet: among a tweet's own links, the quoted tweet."""
_QUOTE_KEYS = ("quoted_status_id_str", "quoted_status_id", "quoted_status", "quoted_status_permalink")


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


@functools.lru_cache(maxsize=64)
def _zone(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))


def _tweet_time(value: Any) -> datetime | None:
    """'Fri Mar 06 13:02:05 +0000 2026' (modern) or '2013-11-28 13:37:46 +0000' (classic), parsed by hand:
    strptime costs more than the rest of reading a tweet."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    try:
        if len(parts) == 6 and parts[1] in _MONTHS:
            clock = parts[3].split(":")
            return datetime(
                int(parts[5]),
                _MONTHS[parts[1]],
                int(parts[2]),
                int(clock[0]),
                int(clock[1]),
                int(clock[2]),
                tzinfo=_zone(parts[4]),
            )
        if len(parts) == 3:
            year, month, day = parts[0].split("-")
            clock = parts[1].split(":")
            return datetime(
                int(year),
                int(month),
                int(day),
                int(clock[0]),
                int(clock[1]),
                int(clock[2]),
                tzinfo=_zone(parts[2]),
            )
    except (ValueError, IndexError):
        pass
    return parse_time(value)


def _geo(tweet: dict[str, Any], label: str) -> list[StructuredValue]:
    """A geotagged tweet's coordinates (geo: [lat, lon]; GeoJSON coordinates: [lon, lat]) and place."""
    found: list[StructuredValue] = []
    geo, point = tweet.get("geo"), tweet.get("coordinates")
    value = None
    if isinstance(geo, dict) and isinstance(geo.get("coordinates"), list) and len(geo["coordinates"]) == 2:
        value = coordinates(geo["coordinates"][0], geo["coordinates"][1], f"{label}.geo")
    elif (
        isinstance(point, dict)
        and isinstance(point.get("coordinates"), list)
        and len(point["coordinates"]) == 2
    ):
        value = coordinates(point["coordinates"][1], point["coordinates"][0], f"{label}.coordinates")
    if value is not None:
        found.append(value)
    place = tweet.get("place")
    if isinstance(place, dict) and isinstance(place.get("full_name"), str) and place["full_name"].strip():
        found.append(StructuredValue("LOCATION", place["full_name"].strip(), f"{label}.place"))
    return found


def _quoted_links(tweet: dict[str, Any]) -> list[str]:
    """The t.co links of a tweet that point at another tweet: the quoted one, not the person's words."""
    entities = tweet.get("entities")
    urls = entities.get("urls") if isinstance(entities, dict) else None
    return [
        str(url["url"])
        for url in (urls if isinstance(urls, list) else [])
        if isinstance(url, dict) and isinstance(url.get("url"), str)
        and isinstance(url.get("expanded_url"), str) and _STATUS_LINK.match(url["expanded_url"])
    ]


def _without(text: str, links: list[str]) -> str:
    for link in links:
        text = text.replace(link, "")
    return text.strip()


def tweet_document(
    tweet: dict[str, Any],
    locator: str,
    account: Account,
    label: str = "tweet",
    deleted_at: str | None = None,
) -> Document | None:
    """One tweet (modern or classic shape) as a document; None when it has no id. A reply is a comment."""
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
    if not tweet_id:
        return None
    text = html.unescape(str(tweet.get("full_text") or tweet.get("text") or ""))
    retweet = text.startswith("RT @") or isinstance(tweet.get("retweeted_status"), dict)
    quoted = _quoted_links(tweet)
    if retweet:
        text = ""
    elif quoted:
        text = _without(text, quoted)
    reply = any(tweet.get(key) for key in _REPLY_KEYS)
    user = tweet.get("user")
    protected = account.protected or (isinstance(user, dict) and bool(user.get("protected")))
    metadata = {"lang": str(tweet["lang"])} if isinstance(tweet.get("lang"), str) else {}
    if isinstance(tweet.get("in_reply_to_screen_name"), str):
        metadata["in_reply_to"] = tweet["in_reply_to_screen_name"]
    if deleted_at:
        metadata["deleted_at"] = deleted_at
    if retweet:
        metadata["retweet"] = "true"
    elif quoted or any(tweet.get(key) for key in _QUOTE_KEYS):
        metadata["quote"] = "true"
    return Document(
        id=f"{locator}#{tweet_id}",
        text=text,
        source=SOURCE,
        kind=DocumentKind.ACTIVITY if retweet else DocumentKind.COMMENT if reply else DocumentKind.POST,
        url=account.post_url(tweet_id),
        created_at=_tweet_time(tweet.get("created_at")),
        visibility=Visibility.FOLLOWERS if protected else Visibility.PUBLIC,
        metadata=metadata,
        structured=tuple(_geo(tweet, label)),
    )


def tweet_documents(records: Iterator[Any], locator: str, account: Account) -> Iterator[Document]:
    for record in records:
        tweet = record.get("tweet") if isinstance(record, dict) else None
        if isinstance(tweet, dict):
            deleted = tweet.get("deleted_at") if isinstance(tweet.get("deleted_at"), str) else None
            document = tweet_document(tweet, locator, account, deleted_at=deleted)
            if document is not None:
                yield document


def note_documents(records: Iterator[Any], locator: str, account: Account) -> Iterator[Document]:
    """note-tweet.js: the long text of tweets over 280 characters."""
    for record in records:
        note = record.get("noteTweet") if isinstance(record, dict) else None
        core = note.get("core") if isinstance(note, dict) else None
        if not isinstance(core, dict) or not isinstance(core.get("text"), str):
            continue
        assert isinstance(note, dict)
        key = str(note.get("noteTweetId") or "")
        yield Document(
            id=f"{locator}#{key}",
            text=html.unescape(core["text"]),
            source=SOURCE,
            kind=DocumentKind.POST,
            created_at=parse_time(note.get("createdAt")),
            visibility=Visibility.FOLLOWERS if account.protected else Visibility.PUBLIC,
        )


def message_documents(records: Iterator[Any], locator: str, account: Account) -> Iterator[Document]:
    """direct-messages(-group).js: the messages the person sent (received ones are other people's text)."""
    for record in records:
        conversation = record.get("dmConversation") if isinstance(record, dict) else None
        if not isinstance(conversation, dict) or not isinstance(conversation.get("messages"), list):
            continue
        for message in conversation["messages"]:
            create = message.get("messageCreate") if isinstance(message, dict) else None
            if not isinstance(create, dict) or not isinstance(create.get("text"), str):
                continue
            if account.account_id and str(create.get("senderId")) != account.account_id:
                continue
            yield Document(
                id=f"{locator}#{create.get('id', '')}",
                text=html.unescape(create["text"]),
                source=SOURCE,
                kind=DocumentKind.MESSAGE,
                created_at=parse_time(create.get("createdAt")),
                visibility=Visibility.DIRECT,
                metadata={"conversation": str(conversation.get("conversationId", ""))},
            )


def _sniff(tree: ArchiveTree, path: str, *prefixes: bytes) -> bool:
    return head(tree, path, 256).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(prefixes)


def modern_root(tree: ArchiveTree, paths: list[str]) -> str | None:
    for marker in MODERN_MARKERS:
        root = export_root(paths, marker)
        if root is not None and _sniff(tree, root + marker, b"window.YTD.", b"window.__THAR_CONFIG"):
            return root
    return None


def grailbird_root(paths: list[str]) -> str | None:
    roots = [match["root"] for path in paths if (match := GRAILBIRD_MONTH.match(path))]
    return min(roots, key=lambda root: root.count("/")) if roots else None


def _small_records(tree: ArchiveTree, path: str) -> list[Any]:
    with tree.open(path) as stream:
        return list(stream_records(stream))


def _account_file(tree: ArchiveTree, files: dict[str, str]) -> tuple[str | None, str | None]:
    """(account id, screen name) from account.js; its problems are reported when its handler reads it."""
    try:
        for record in _small_records(tree, files["account.js"]):
            if isinstance(record, dict) and isinstance(record.get("account"), dict):
                return (
                    str(record["account"].get("accountId") or "") or None,
                    str(record["account"].get("username") or "") or None,
                )
    except InputError:
        return None, None
    return None, None


def _manifest(tree: ArchiveTree, path: str) -> tuple[str | None, str | None, InputError | None]:
    """Account id and screen name from manifest.js, and the line reporting its repaired bytes."""
    manifest = script_value(read_member(tree, path))
    user = manifest.value.get("userInfo") if isinstance(manifest.value, dict) else None
    if not isinstance(user, dict):
        return None, None, manifest.repair
    return (str(user.get("accountId") or "") or None, str(user.get("userName") or "") or None,
            manifest.repair)


def _protected(tree: ArchiveTree, path: str) -> bool:
    """Whether the latest entry of protected-history.js protects the tweets."""
    history = [
        record["protectedHistory"]
        for record in _small_records(tree, path)
        if isinstance(record, dict) and isinstance(record.get("protectedHistory"), dict)
    ]
    if not history:
        return False
    latest = max(history, key=lambda entry: str(entry.get("protectedAt", "")))
    return str(latest.get("action", "")).lower() == "protect"


def read_account(tree: ArchiveTree, files: dict[str, str]) -> tuple[Account, list[Skipped]]:
    """Account id and screen name (account.js, else manifest.js) and whether the tweets are protected."""
    skipped: list[Skipped] = []
    account_id, screen_name = _account_file(tree, files) if "account.js" in files else (None, None)
    if screen_name is None and "manifest.js" in files:
        try:
            manifest_id, screen_name, repair = _manifest(tree, files["manifest.js"])
            account_id = account_id or manifest_id
            if repair is not None:
                skipped.append(Skipped(tree.locator(files["manifest.js"]), str(repair)))
        except InputError as error:
            skipped.append(Skipped(tree.locator(files["manifest.js"]), str(error)))
    protected = False
    if "protected-history.js" in files:
        try:
            protected = _protected(tree, files["protected-history.js"])
        except InputError as error:
            skipped.append(Skipped(tree.locator(files["protected-history.js"]), str(error)))
    return Account(account_id, screen_name, protected), skipped


def _handler(kind: str) -> Any:
    if kind in TWEET_TYPES:
        return tweet_documents
    if kind in DM_TYPES:
        return message_documents
    if kind == "note-tweet":
        return note_documents
    return HANDLERS.get(kind)


def modern_documents(tree: ArchiveTree, root: str, paths: list[str]) -> Iterator[Document | Skipped]:
    data = root + "data/"
    files = {
        path[len(data) :]: path for path in paths if path.startswith(data) and "/" not in path[len(data) :]
    }
    account, skipped = read_account(tree, files)
    yield from skipped
    for name in sorted(files):
        match = _DATA_FILE.match(name)
        handler = _handler(match["type"]) if match else None
        if handler is None:
            continue
        path = files[name]
        try:
            with tree.open(path) as stream:
                yield from handler(stream_records(stream), tree.locator(path), account)
        except InputError as error:
            yield Skipped(tree.locator(path), str(error))


def _classic_tweet(tweet: dict[str, Any], locator: str, account: Account) -> Document | None:
    """A classic tweet (month file or CSV row): a reply is a 'comment', as on Mastodon and Bluesky."""
    return tweet_document(tweet, locator, account)


def classic_account(
    tree: ArchiveTree, root: str, paths: list[str]
) -> tuple[Account, list[Document | Skipped]]:
    """The account in a classic archive's data/js/user_details.js and its profile, or why it was not read."""
    details_path = f"{root}data/js/user_details.js"
    if details_path not in paths:
        return Account(), []
    try:
        parsed = script_value(read_member(tree, details_path))
        details = parsed.value
        if not isinstance(details, dict):
            raise InputError("user_details.js does not hold an object")
    except InputError as error:
        return Account(), [Skipped(tree.locator(details_path), str(error))]
    account = Account(str(details.get("id") or "") or None, str(details.get("screen_name") or "") or None)
    repair = [Skipped(tree.locator(details_path), str(parsed.repair))] if parsed.repair else []
    return account, [grailbird_profile(details, tree.locator(details_path), account), *repair]


def grailbird_documents(tree: ArchiveTree, root: str, paths: list[str]) -> Iterator[Document | Skipped]:
    """Classic archive: data/js/user_details.js and one data/js/tweets/YYYY_MM.js per month."""
    account, profile = classic_account(tree, root, paths)
    yield from profile
    for path in paths:
        if not path.startswith(root) or not GRAILBIRD_MONTH.match(path):
            continue
        try:
            parsed = script_value(read_member(tree, path))
        except InputError as error:
            yield Skipped(tree.locator(path), str(error))
            continue
        for tweet in parsed.value if isinstance(parsed.value, list) else []:
            if isinstance(tweet, dict) and (document := _classic_tweet(tweet, tree.locator(path), account)):
                yield document
        if parsed.repair is not None:
            yield Skipped(tree.locator(path), str(parsed.repair))


def classic_csv_documents(tree: ArchiveTree, path: str, paths: list[str]) -> Iterator[Document | Skipped]:
    """Classic archive without its monthly files: tweets.csv, streamed (user_details.js too if kept)."""
    account, profile = classic_account(tree, csv_root(path), paths)
    yield from profile
    locator = tree.locator(path)
    try:
        for tweet in csv_tweets(tree, path):
            if isinstance(tweet, Skipped):
                yield tweet
            elif document := _classic_tweet(tweet, locator, account):
                yield document
    except InputError as error:
        yield Skipped(locator, str(error))


def grailbird_profile(details: dict[str, Any], locator: str, account: Account) -> Document:
    def text(key: str) -> str:
        return str(details.get(key) or "").strip()

    values = [
        StructuredValue(entity, text(key), f"user_details.{key}")
        for entity, key in (("USERNAME", "screen_name"), ("PERSON", "full_name"), ("LOCATION", "location"))
        if text(key)
    ]
    return Document(
        id=locator,
        text="\n".join(part for part in (text("bio"), text("location")) if part),
        source=SOURCE,
        kind=DocumentKind.BIO,
        url=account.profile_url(),
        created_at=_tweet_time(details.get("created_at")),
        visibility=Visibility.PUBLIC,
        structured=tuple(values),
    )


class TwitterReader:
    """X/Twitter 'Download your data' archives, modern and classic."""

    name = SOURCE

    def matches(self, tree: ArchiveTree) -> bool:
        paths = tree.paths()
        return (
            grailbird_root(paths) is not None
            or modern_root(tree, paths) is not None
            or classic_csv(tree, paths) is not None
        )

    def documents(self, tree: ArchiveTree) -> Iterator[Document | Skipped]:
        paths = tree.paths()
        root = modern_root(tree, paths)
        if root is not None:
            yield from modern_documents(tree, root, paths)
        classic = grailbird_root(paths)
        if classic is not None:
            yield from grailbird_documents(tree, classic, paths)
        elif (csv_path := classic_csv(tree, paths)) is not None:
            yield from classic_csv_documents(tree, csv_path, paths)
