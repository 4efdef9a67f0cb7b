"""Does a sentence holding personal data already sit in a public training corpus? (infini-gram counts)

infini-gram (`Settings.infini_gram_api_url`) counts exact n-gram occurrences in open LLM training sets
(Dolma, the Pile, C4, RedPajama). Asking it means sending the sentence, personal data included, to a
third party: this runs only on `--check-corpora`, for a handful of the riskiest findings, and the
command says so on stderr before the first request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.errors import FetchError

INDEXES = ("v4_dolma-v1_7_llama", "v4_piletrain_llama")
"""Corpora asked: Dolma 1.7 (3T tokens of web, code, papers) and the Pile (train split)."""
MAX_SENTENCE = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True, slots=True)
class CorpusCount:
    """How often one sentence occurs in one corpus; count None when the API gave no answer."""

    index: str
    count: int | None
    approximate: bool = False
    error: str | None = None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` holding [start, end), at most MAX_SENTENCE characters around it."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    stop_match = _SENTENCE_END.search(text, end)
    stop = stop_match.start() if stop_match else len(text)
    if stop - begin > MAX_SENTENCE:
        half = (MAX_SENTENCE - (end - start)) // 2
        begin, stop = max(begin, start - max(half, 0)), min(stop, end + max(half, 0))
    return " ".join(text[begin:stop].split())


def corpus_counts(sentence: str, fetcher: Fetcher, settings: Settings) -> list[CorpusCount]:
    """Exact-match counts of the sentence in each corpus of INDEXES."""
    url = settings.infini_gram_api_url.rstrip("/") + "/"
    counts: list[CorpusCount] = []
    for index in INDEXES:
        try:
            answer = fetcher.post_json(url, {"index": index, "query_type": "count", "query": sentence}).json()
        except FetchError as error:
            counts.append(CorpusCount(index, None, error=str(error)))
            continue
        if not isinstance(answer, dict) or "error" in answer or not isinstance(answer.get("count"), int):
            problem = answer.get("error") if isinstance(answer, dict) else None
            counts.append(CorpusCount(index, None, error=str(problem or "unexpected answer")))
            continue
        counts.append(CorpusCount(index, answer["count"], bool(answer.get("approx", False))))
    return counts
