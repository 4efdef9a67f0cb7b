"""The vocabulary every part of exposure speaks: documents in, findings out.

Data flows one way: source -> Document -> Finding -> Exposure -> store -> view. These frozen
dataclasses are the only things that cross those boundaries, so a reader, a crawler, the detectors
and the scorer can be written and tested without knowing about each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DocumentKind(StrEnum):
    """What a piece of text is, as the person would name it."""

    PROFILE = "profile"
    BIO = "bio"
    POST = "post"
    COMMENT = "comment"
    MESSAGE = "message"
    PAGE = "page"
    NOTE = "note"
    SEARCH = "search"
    ACTIVITY = "activity"
    LOCATION = "location"
    ACCOUNT = "account"
    INFERENCE = "inference"
    """What a platform inferred about the person or targeted ads by (X's interests and ad criteria, Meta's
    ad interests): the platform's view of the person, not the person's own statements."""
    MEDIA = "media"
    FILE = "file"
    OTHER = "other"


class Visibility(StrEnum):
    """Who could read a document where it was published; drives how exposed its findings are."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    FOLLOWERS = "followers"
    PRIVATE = "private"
    DIRECT = "direct"
    UNKNOWN = "unknown"



@dataclass(frozen=True, slots=True)
class StructuredValue:
    """A value an export or API states in a named field (the email in account.js, a profile phone).

    It becomes a finding with full confidence without passing through text detection.
    """

    entity: str
    """The taxonomy entity name, e.g. EMAIL_ADDRESS."""
    value: str = field(repr=False)
    """The raw value; lives only in memory."""
    label: str
    """The field it came from, e.g. 'account.email'; shown as the finding's reason."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Everything about a document except its text: what findings carry along to the scorer and store."""

    id: str
    """Stable locator, e.g. 'twitter.zip!data/tweets.js#1234567890' or 'https://host/path'."""
    source: str
    """Where it came from: a platform name ('twitter', 'mastodon'), 'web' or 'files'."""
    kind: DocumentKind
    url: str | None = None
    """A permalink where one exists."""
    created_at: datetime | None = None
    """Timezone-aware when the source says the zone; None when unknown."""
    visibility: Visibility = Visibility.UNKNOWN
    metadata: Mapping[str, str] = field(default_factory=dict)
    """Small extra facts (author, subreddit, language); never the text itself."""


@dataclass(frozen=True, slots=True)
class Document:
    """One unit of text to scan: a post, a message, a profile, a page."""

    id: str
    """Stable locator, e.g. 'twitter.zip!data/tweets.js#1234567890' or 'https://host/path'."""
    text: str = field(repr=False)
    source: str
    """Where it came from: a platform name ('twitter', 'mastodon'), 'web' or 'files'."""
    kind: DocumentKind = DocumentKind.OTHER
    url: str | None = None
    created_at: datetime | None = None
    visibility: Visibility = Visibility.UNKNOWN
    metadata: Mapping[str, str] = field(default_factory=dict)
    structured: tuple[StructuredValue, ...] = ()
    """Values stated in named fields, reported as findings with full confidence."""

    def info(self) -> DocumentInfo:
        return DocumentInfo(
            id=self.id,
            source=self.source,
            kind=self.kind,
            url=self.url,
            created_at=self.created_at,
            visibility=self.visibility,
            metadata=self.metadata,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data found in one document, with why it was flagged."""

    document: DocumentInfo
    entity: str
    """Taxonomy entity name, e.g. PERSON, MEDICAL_CONDITION."""
    category: str
    """Taxonomy category, e.g. identity, health, special."""
    start: int
    """Character offset in the document text; 0 for structured values."""
    end: int
    score: float
    """Detector confidence, 0..1."""
    detector: str
    """Which recognizer found it, e.g. 'HealthRecognizer' or 'structured'."""
    reason: str
    """Why, in words: the pattern, lexicon or context that matched."""
    snippet: str
    """Context around the value with the value (and any other personal data in it) masked."""
    value: str = field(repr=False, compare=False)
    """The raw value; never stored or printed unless the person asks."""
    first_person: bool = False
    """True when the text discloses it about the writer ('I was diagnosed with ...')."""
    subject: str | None = None
    """Whose attribute a statement (health, special category, age, birth date, address, relative) is:
    'self', 'named' or 'relative' (detectors.subject); None for identifiers and for mentions."""
    mention: bool = False
    """A sensitive term no one is said to have ('flu season is here'): a topic, not personal data.
    Scans count these and list them only when asked (--include-mentions), at low risk."""

    @property
    def document_id(self) -> str:
        return self.document.id


@dataclass(frozen=True, slots=True)
class Skipped:
    """Work that could not be done: reaches the summary, so nothing is lost silently."""

    where: str
    """A locator, e.g. 'export.zip!data/tweets.js' or a URL."""
    reason: str
    """One line saying what went wrong."""


@dataclass(frozen=True, slots=True)
class SourceSignals:
    """How open one source (a website or a platform) is to AI training: what a scan learns, the scorer weighs.

    `key` is a host name for web sources ('mastodon.social', 'example.com'), matched against a
    document's URL host; or a platform name ('twitter') for archives, matched against Document.source.
    None means 'not checked'; the scorer then falls back to neutral assumptions.
    """

    key: str
    platform: str | None = None
    """Platform name when the source is a known platform ('mastodon', 'reddit', ...)."""
    training_crawlers_allowed: tuple[str, ...] = ()
    """AI training crawlers robots.txt lets in (e.g. 'GPTBot', 'CCBot')."""
    training_crawlers_blocked: tuple[str, ...] = ()
    """AI training crawlers robots.txt refuses."""
    robots_checked: bool = False
    noai: bool | None = None
    """A noai/noimageai robots meta tag or X-Robots-Tag header was seen (None: no page was read to look)."""
    tdm_reserved: bool | None = None
    """Text-and-data-mining rights are reserved (TDMRep file, header or meta); None: not checked."""
    ai_txt_disallows: bool | None = None
    """ai.txt found and disallowing (True), allowing (False), or not found (None; see ai_txt_checked)."""
    ai_txt_checked: bool = False
    """/ai.txt was asked for (False: the site was down, or the source is a platform's archive)."""
    common_crawl_captures: int | None = None
    """Captures of the URL in Common Crawl's index, when checked."""
    last_captured: str | None = None
    """Crawl id or date of the latest capture."""
    platform_trains_by_default: bool | None = None
    """Whether the platform uses public posts for AI training unless the person opts out."""
    opt_out_url: str | None = None
    """Where the person can opt out, when the platform offers it."""
    notes: tuple[str, ...] = ()
    """Short human-readable facts behind these signals, for the report."""


@dataclass(frozen=True, slots=True)
class Factor:
    """One multiplier of a risk score and why: the scoring model makes them, the store keeps them."""

    name: str
    value: float
    why: str


@dataclass(frozen=True, slots=True)
class Exposed:
    """What the profile score needs of one finding (a stored row's value key, category, source and risk)."""

    value_key: str
    """Entity + keyed value hash: the same value found twice counts once."""
    category: str
    source: str
    risk: float
