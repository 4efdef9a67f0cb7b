"""The letters: requests to a platform or an AI company, the follow-up, and the complaint.

The wording is ours; the articles and periods are the law's. A letter names the items by permalink
(or by their place in the export), never by what they contain, and carries only what the person chose
to give from `[me]` (scanner.actions.person). Each is a plain text file, an `.eml` draft and a
`mailto:` link where the recipient takes email; where it takes only a web form, the text is for
pasting there. Nothing is sent by the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from urllib.parse import quote

from scanner.actions.contacts import Contact, about
from scanner.actions.deadlines import CCPA, GDPR, Law, deadline
from scanner.actions.person import Requester

CPPA = "the California Privacy Protection Agency (https://cppa.ca.gov/)"
"""Where a CCPA/CPRA complaint goes; not among the European records."""


@dataclass(frozen=True, slots=True)
class LetterSpec:
    """One request letter the plan offers: to whom, under which law, about which items."""

    id: str
    """'twitter-gdpr', or 'example.org-openai-gdpr' for an AI company whose crawler read a site."""
    section: str
    recipient: Contact
    law: Law
    items: tuple[str, ...]
    """Permalinks, or the place in the export with its locator."""
    subject: str
    """What the company did with the items, one phrase: 'X' or 'pages of example.org read by GPTBot'."""
    crawler: bool = False
    """True for an AI company whose crawler collected the items (not the platform that hosts them)."""

    @property
    def channel(self) -> str:
        """How to send it: the email address, else the web form, else post."""
        return self.recipient.email or self.recipient.webform or "post"


def law_for(requester: Requester) -> Law:
    """CCPA/CPRA for US residents, the GDPR for everyone else (and when the country is not set)."""
    return CCPA if requester.us_resident else GDPR


def _identity(requester: Requester) -> str:
    lines = []
    if requester.name:
        lines.append(f"Name: {requester.name}")
    if requester.email:
        lines.append(f"Email (for your answer): {requester.email}")
    if requester.handles:
        lines.append(f"Accounts: {', '.join(requester.handles)}")
    if requester.address:
        lines.append("Postal address: " + requester.address.replace("\n", ", "))
    return "\n".join(lines) or "(add the details that let you find my account)"


def _header(recipient: Contact, title: str, today: date) -> str:
    return f"To: {recipient.name}\n{recipient.address}\n\n{today.isoformat()}\n\n{title}\n\n"


def _items(items: tuple[str, ...]) -> str:
    return "\n".join(f"  - {item}" for item in items) or "  - (every item of mine you hold)"


def _gdpr_body(spec: LetterSpec, due: date) -> str:
    if spec.crawler:
        context = (f"Your crawler collected {spec.subject}. These pages hold personal data about me, and "
                   "I understand you use what your crawlers collect to train AI models.")
    else:
        context = (f"I have an account on {spec.subject}. You process my personal data, including what I "
                   "posted, and use or license it to train and improve AI models.")
    return (
        f"{context}\n\n"
        "1. Objection, Article 21(1) GDPR. You base this use on your legitimate interests (Article "
        "6(1)(f)). I object to the processing of my personal data for developing, training and improving "
        "AI models, on grounds relating to my particular situation: the items below concern my private "
        "life and were not published so that a model could learn and repeat them. Please stop this "
        "processing and confirm that you have.\n\n"
        "2. Erasure, Article 17(1)(c) and (d) GDPR. Please erase the following items and the personal "
        "data taken from them, including copies in training data sets you hold or have passed on, and "
        "tell the recipients (Articles 17(2) and 19):\n"
        f"{_items(spec.items)}\n\n"
        "3. Access, Article 15 GDPR. Please tell me which of my personal data you have used to train or "
        "improve AI models, which models, from which sources, since when, and to whom you disclosed it, "
        "and give me a copy of the data (Article 15(3)).\n\n"
        f"Please answer within one month of receiving this letter (Article 12(3) GDPR), that is by "
        f"{due.isoformat()}.\n"
    )


def _ccpa_body(spec: LetterSpec, due: date) -> str:
    where = (f"Your crawler collected {spec.subject}, which hold personal information about me."
             if spec.crawler else f"I have an account on {spec.subject}.")
    return (
        f"{where} I am a US resident and make these requests under the California Consumer Privacy Act "
        "as amended by the CPRA (and the equivalent law of my state):\n\n"
        "1. Delete (Cal. Civ. Code § 1798.105): please delete the personal information you collected "
        "about me, including the following items and what you derived from them, and tell your service "
        "providers, contractors and the third parties you sold or shared it with to do the same:\n"
        f"{_items(spec.items)}\n\n"
        "2. Opt out of sale and sharing (§ 1798.120): do not sell or share my personal information, "
        "including by licensing it to others for training AI models.\n\n"
        "3. Know (§ 1798.110): tell me the categories and specific pieces of personal information you hold "
        "about me and whether you used them to train AI models.\n\n"
        f"Please respond within 45 calendar days of receiving this letter (§ 1798.130(a)(2)), that is by "
        f"{due.isoformat()}.\n"
    )


def _closing(requester: Requester) -> str:
    return (f"\nTo identify me:\n{_identity(requester)}\n\nKind regards,\n{requester.name or ''}\n"
            f"\n-- \nAddress from the datenanfragen.de records (CC0, commit {about()['commit'][:12]}).\n")


def request_letter(spec: LetterSpec, requester: Requester, today: date) -> str:
    """The request itself, dated today, with the deadline counted from today."""
    due = deadline(spec.law, today)
    if spec.law is GDPR:
        title = "Objection, erasure and access: Articles 21(1), 17 and 15 GDPR"
        body = _gdpr_body(spec, due)
    else:
        title = "Requests to delete, to opt out of sale and sharing, and to know (CCPA/CPRA)"
        body = _ccpa_body(spec, due)
    return _header(spec.recipient, title, today) + body + _closing(requester)


def follow_up_letter(spec: LetterSpec, requester: Requester, sent_on: date, due: date, authority: str,
                     today: date) -> str:
    """A reminder once the deadline has passed, saying where the complaint will go."""
    body = (f"On {sent_on.isoformat()} I sent you requests under the {spec.law.title} about {spec.subject} "
            f"(reference: {spec.id}). The period to answer ended on {due.isoformat()} ({spec.law.basis}); "
            "I have had no answer.\n\nPlease answer within 14 days. If you do not, I will lodge a "
            f"complaint with {authority}.\n\nThe items my requests concern:\n{_items(spec.items)}\n")
    return _header(spec.recipient, f"Reminder: my request of {sent_on.isoformat()} is overdue", today) + \
        body + _closing(requester)


def complaint_letter(spec: LetterSpec, requester: Requester, authority: Contact | None, sent_on: date,
                     due: date, followed_up_on: date | None, note: str, today: date) -> str:
    """The complaint to the authority (GDPR Art. 77) or, for the CCPA, to the California agency."""
    reminder = (f" I sent a reminder on {followed_up_on.isoformat()}, also unanswered."
                if followed_up_on else "")
    if spec.law is GDPR and authority is not None:
        header = _header(authority, f"Complaint under Article 77 GDPR against {spec.recipient.name}", today)
        ask = ("I ask you to examine this complaint and to order the company to comply with my requests "
               "(Article 58(2)(c) GDPR).")
    else:
        header = (f"To: {CPPA}\n\n{today.isoformat()}\n\n"
                  f"Complaint against {spec.recipient.name} (CCPA/CPRA)\n\n")
        ask = "I ask you to look into the company's failure to respond within the time the law sets."
    company = f"{spec.recipient.name} ({spec.recipient.address.replace(chr(10), ', ')})"
    body = (f"On {sent_on.isoformat()} I asked {company} "
            f"under the {spec.law.title} to stop using my personal data for AI training, to erase the "
            f"items listed below and to give me access to my data. The period to answer ended on "
            f"{due.isoformat()} ({spec.law.basis}) without an answer.{reminder}\n\n{ask}\n\n"
            f"{note}\n\nThe items concerned:\n{_items(spec.items)}\n\n"
            "I enclose my request and the reminder.\n")
    return header + body + _closing(requester)


def subject_line(text: str) -> str:
    """The letter's title line (the fifth block of its header) as an email subject."""
    return text.split("\n\n")[2].strip() if text.count("\n\n") >= 2 else "Data protection request"


def eml_draft(text: str, to: str, sender: str | None) -> bytes:
    """An unsent email draft (X-Unsent: 1 opens it for editing in Outlook and Thunderbird)."""
    message = EmailMessage()
    message["To"] = to
    if sender:
        message["From"] = sender
    message["Subject"] = subject_line(text)
    message["X-Unsent"] = "1"
    message.set_content(text)
    return bytes(message)


def mailto_link(text: str, to: str) -> str:
    return f"mailto:{quote(to, safe='@')}?subject={quote(subject_line(text))}&body={quote(text)}"
