"""The writer with the pronoun dropped: "Knee surgery went fine", "Feeling awful, migraine since noon".

Posts drop the subject: in the owner's own diary-style clause a condition, a drug or a procedure with no
one named is the writer's, and the disclosure guide (../shared/bench/disclosures/GUIDE.md) counts it
("on metformin now", "twisted my knee"). The same words in a headline ("Knee surgery rates rise in
2025", "Migraine linked to poor sleep", "New flu jab rolled out") are a topic. So this runs only on
text the account owner wrote (`detectors.findings` decides which documents those are) and only on the
spans the subject cues left as mentions; a few regex matches on their clause, nothing on other text.

Three families say the writer speaks; a guard says the clause is news, someone else's or general:

* an opening verb or state with no subject, at the clause start or after a comma ("Caught covid
  again", "Still on an insulin pump", "Stuck in bed with the flu");
* a bare event fragment: the term with at most a few plain words before it and a diary predicate right
  after ("Knee surgery went fine", "Chemo tomorrow", "blood test today", "Migraine again");
* a bare body part in a state ("knee finally fine after the surgery");
* the guard: headline case and a title's colon, a determiner or preposition tying the term to something
  else, third persons, a relative, a name or a handle in the clause, news and public-health words,
  questions, retweets, and a gerund that is the subject of a general claim ("Getting a flu jab protects
  you", `detectors.subject.general_claim`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from detectors.resolve import Span
from detectors.subject import KIN, NAME_ENTITIES, Subject, clause_bounds, general_claim, hypothetical

HEALTH_ENTITIES = frozenset({"MEDICAL_CONDITION", "MEDICATION", "MEDICAL_PROCEDURE"})
"""Labels whose bare term can be the writer's event ("Chemo tomorrow"); others need an opening verb."""
_NOT_IMPLIED = frozenset({"STREET_ADDRESS", "FAMILY_MEMBER"})
"""Labels with rules of their own in detectors.subject."""

_OPENER = re.compile(
    r"(?:^\s*|[,:;(]\s*|\band\s+)(?:(?:just|finally|so|still|now|already|officially|properly|"
    r"currently|again)\s+)*(?:"
    r"feeling|felt|feel|woke\s+up|waking\s+up|stuck|laid\s+up|off\s+(?:work|sick)|home\s+(?:sick\s+)?with|"
    r"down\s+with|came\s+down|coming\s+down|caught|catching|picked\s+up|tested|testing|broke|sprained|"
    r"twisted|pulled|tore|fractured|dislocated|injured|hurt|bruised|cracked|(?:back|still|now|been)\s+on|"
    r"on\s+(?:day|week)\s+\w+\s+of|been|having|had|got|getting|need|needed|needing|booked|scheduled|"
    r"waiting|recovering|missed|skipped|ran\s+out\s+of|run\s+out\s+of|out\s+of|living\s+with|"
    r"dealing\s+with|struggling\s+with|diagnosed|finished|done\s+with|survived|pregnant|expecting|"
    r"weeks?\s+(?:post|after)|post[-\s]op|first\s+(?:day|night|week)|last\s+(?:day|dose|session)|"
    r"starting|started|taking|took|fighting|battling|suffering|turning|turned|beat|fresh\s+out|"
    r"(?:home|back|discharged)\s+from|sitting|lying|laying|sat|lay|spent|spending|"
    r"on(?=\s+[\w-]+\s+(?:now|again|since|for|daily|twice|every)\b))\b",
    re.IGNORECASE,
)
"""A verb or state that opens a clause with its subject dropped ("Caught covid", "Still on insulin")."""
_PREDICATE = re.compile(
    r"^\s*(?:(?:is|was|has|have|went|all|just|finally|officially|successfully|now|so|really|"
    r"been|back|complete|completed|done|over)\s+)*(?:"
    r"(?:went|goes|going|gone)\s+(?:well|fine|ok|okay|great|smoothly|badly|to\s+plan)|"
    r"well|fine|ok|okay|done|over|booked|cancell?ed|postponed|rescheduled|moved|sorted|complete|"
    r"success|successful|recovery|rehab|results?|day\s+\d+|week\s+\d+|again|since\s+\w+|"
    r"all\s+(?:day|night|week|weekend)|today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|"
    r"evening|week|weekend)|last\s+night|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|next\s+(?:week|"
    r"month)|at\s+\d|at\s+work|playing\s+up|flaring\s+up|flared\s+up|kicking\s+in|kicked\s+in|"
    r"is\s+back|back|killing|won['’]?t\s+(?:go|quit|stop)|life)\b",
    re.IGNORECASE,
)
"""What a diary says of an event right after naming it ("went fine", "tomorrow", "again", "life")."""
_FRAGMENT_LEAD = re.compile(r"^(?:[\w'’-]+\s+){0,3}$")
"""At most three plain words before the term in its clause ("Doctor's appointment and")."""
_TIED_LEAD = re.compile(
    r"\b(?:the|a|an|this|that|these|those|new|his|her|their|its|your|our|whose|how|why|what|who|when|"
    r"for|of|in|on|about|with|to|from|against|by|via|at|as|if|is|are|was|were)\b",
    re.IGNORECASE,
)
"""Words before the term that tie it to something else ("New flu jab", "prospects for dabigatran")."""
_BODY_STATE = re.compile(
    r"(?:^\s*|[,:;]\s*|\band\s+)(?:knee|ankle|wrist|hip|back|shoulder|neck|elbow|foot|leg|arm|hand|head|"
    r"throat|chest|stomach|tummy|tooth|jaw|eye|ear|finger|toe|shin|hamstring|scar|stitches|"
    r"incision)s?\s+(?:(?:is|are|was|still|finally|now|so|really|feels?|feeling|almost|fully|"
    r"completely|all)\s+)*(?:fine|healed|healing|better|sore|swollen|aching|hurts|hurting|killing|"
    r"numb|stiff|throbbing|in\s+a\s+(?:cast|brace|sling)|on\s+the\s+mend|recovering|back\s+to\s+normal)\b",
    re.IGNORECASE,
)
"""A bare body part in a state ("knee finally fine"): the writer's body, and what the clause says of it."""
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|he['’]s|she['’]s|they['’]re|him|her|his|them|their|man|woman|men|women|boy|girl|"
    r"kids|children|people|patients?|player|striker|star|singer|actor|actress|president|minister|"
    r"officials?|residents?|doctors|nurses|experts?|researchers|scientists|survivors?|victims?)\b",
    re.IGNORECASE,
)
"""Someone other than the writer in the clause: the term is theirs or about them."""
_NEWS_WORDS = re.compile(
    r"\b(?:rates?|cases|study|studies|research|researchers|report|reports|survey|trial|trials|risk|"
    r"risks|linked|tied|awareness|season|tips|prices?|costs?|drug|drugs|fda|nhs|cdc|who|programm?e|"
    r"screening|clinics?|rollout|rolled\s+out|outbreak|epidemic|pandemic|cure|symptoms|signs|causes|"
    r"facts|guide|news|breaking|approved|launch(?:es|ed)?|announces?|announced|warns?|says|said|"
    r"according|#\w+awareness\w*)\b",
    re.IGNORECASE,
)
"""Words of news, statistics and public health: a topic, not the writer's own event."""
_TITLE_COLON = re.compile(r":\s+(?:a|an|the|what|how|why|who|when|where|\d+)\b", re.IGNORECASE)
"""A colon that opens a title's second half ("Epilepsy today: a new approach", "Chemo: what to know")."""
_SOMEONE_ELSE = re.compile(rf"(?<![\w'’])(?:{KIN}|@\w+)(?![\w'’])", re.IGNORECASE)
"""A relative or an @handle in the clause ("Chemo today for my mum", "Hip replacement, get well @jo"):
the term may be theirs, so the writer is not assumed."""
_RETWEET = re.compile(r"^\s*(?:RT|MT)\s+@\w+|\bvia\s+@\w+", re.IGNORECASE)
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "at", "by", "with",
                          "from", "vs", "is", "as"})


def owner_attributed(text: str, spans: Sequence[Span]) -> list[Span]:
    """The spans, with mentions in the owner's diary-style clauses attributed to the owner (SELF)."""
    if not any(span.is_mention for span in spans) or _RETWEET.search(text):
        return list(spans)
    names = [span.start for span in spans if span.entity in NAME_ENTITIES]
    return [replace(span, subject=Subject.SELF, first_person=True)
            if span.is_mention and implied_self(text, span.start, span.end, span.entity, names) else span
            for span in spans]


def implied_self(text: str, start: int, end: int, entity: str, names: Sequence[int] = ()) -> bool:
    """Whether the clause around text[start:end] is the writer speaking with the pronoun dropped;
    `names` are where the text's names and handles start (one in the clause may be whose it is)."""
    if entity in _NOT_IMPLIED:
        return False
    clause_start, clause_end = _in_line(text, start, end, *clause_bounds(text, start, end))
    before, after = text[clause_start:start], text[end:clause_end]
    clause = text[clause_start:clause_end]
    if (hypothetical(before) or _question(text, clause_end) or _headline_case(clause)
            or _THIRD_PERSON.search(clause) or _NEWS_WORDS.search(clause) or _SOMEONE_ELSE.search(clause)
            or _TITLE_COLON.search(after)
            or any(clause_start <= name < clause_end for name in names)):
        return False
    opener = _OPENER.search(clause)
    if opener and opener.start() <= start - clause_start:
        return not general_claim(after)
    if entity not in HEALTH_ENTITIES:
        return False
    if _BODY_STATE.search(clause):
        return True
    lead = before.strip()
    return (_FRAGMENT_LEAD.match(lead + " " if lead else "") is not None and not _TIED_LEAD.search(lead)
            and _PREDICATE.match(after) is not None)


def _in_line(text: str, start: int, end: int, clause_start: int, clause_end: int) -> tuple[int, int]:
    """The clause cut at line breaks: a post's next line (an image's alt text) is another statement."""
    line_start = text.rfind("\n", clause_start, start) + 1
    line_end = text.find("\n", end, clause_end)
    return max(clause_start, line_start), line_end if line_end >= 0 else clause_end


def _question(text: str, clause_end: int) -> bool:
    return "?" in text[clause_end:clause_end + 3]


def _headline_case(clause: str) -> bool:
    """Most words capitalised, as headlines and titles are ("Kids With ADHD May Not Need Meds")."""
    words = [word for word in _HEADLINE_WORD.findall(clause) if word.lower() not in _SMALL_WORDS]
    if len(words) < 4:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= 0.75 * len(words)
