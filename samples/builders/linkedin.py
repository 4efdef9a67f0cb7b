"""The persona's LinkedIn data export: a flat zip of CSVs with the quirks of real exports.

Connections.csv has the 'Notes:' preamble, Shares.csv a multi-line commentary quoted per line,
Logins.csv is a 2018-style UTF-16LE tab-separated file with a BOM, and Messages2018.csv (read
only by tests, not in the sample) the 2018 message layout with HTML entities.
"""

from __future__ import annotations

from pathlib import Path

from samples.builders import write_zip

PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\r\n"
    'Rowan,Delacroix-Hale,Delacroix,"1427 Alder Street, Portland, OR 97205","Mar 14, 1988",'
    'Data Engineer at Fernwood Analytics,"Pipelines, people, and pump-powered (T1D) persistence. '
    'Reach me at rowan.hale@example.org.",Software Development,97205,"Portland, Oregon, United States",'
    "rowanhale,[PORTFOLIO:https://rowanhale.example.org],\r\n"
)
CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Jonas,Berg,https://www.linkedin.com/in/jonasberg,jonas.berg@example.com,Cedar Labs,Designer,"
    "30 May 2024\r\n"
    "Priya,Natarajan,https://www.linkedin.com/in/priyan,,Fernwood Analytics,Manager,02 Jan 2023\r\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,"
    "FOLDER\n"
    "2-abc==,,Casey Recruiter,https://www.linkedin.com/in/casey,Rowan Delacroix-Hale,"
    "https://www.linkedin.com/in/rowanhale,2024-05-28 20:38:09 UTC,Data role,"
    '"Hi Rowan, great profile! Call me at (503) 555-0177, or email casey@example.net.",INBOX\n'
    "2-abc==,,Rowan Delacroix-Hale,https://www.linkedin.com/in/rowanhale,Casey Recruiter,"
    "https://www.linkedin.com/in/casey,2024-05-29 08:01:44 UTC,,"
    '"Thanks! Happy to talk, but I need flexibility for insulin pump appointments.\n'
    'My cell: +1 503-555-0142",INBOX\n'
)
MESSAGES_2018 = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    'Casey Recruiter,Rowan Delacroix-Hale,"1/8/18, 6:14 PM",Hello,'
    '"I&rsquo;d love to chat&nbsp;about Fernwood &amp; you.",INCOMING,INBOX\n'
)
SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    "2024-05-20 16:02:11,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7198,"
    '"Proud of my union local today.""\n""""\n""Solidarity from Portland!",,,MEMBER_NETWORK\n'
    "2024-04-02 09:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7181,"
    '"We are hiring data engineers at Fernwood Analytics",,,PUBLIC\n'
)
COMMENTS = (
    "Date,Link,Message\n"
    "2024-05-21 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7199,"
    '"Jonas Berg congrats! Maisie says hi"\n'
)
EMAILS = (
    "Email Address,Confirmed,Primary,Updated On\n"
    "rowan.hale@example.org,Yes,Yes,2020-01-03 10:00 UTC\n"
    "ro.delacroix@example.com,Yes,No,Not Available\n"
)
PHONES = "Extension,Number,Type\n,+1 503-555-0142,Mobile\n"
REGISTRATION = "Registered At,Registration Ip,Subscription Types\n2011-06-12 19:22:01 UTC,203.0.113.42,\n"
LOGINS_2018 = (
    '"Login Date"\t"IP Address"\t"User Agent"\t"Login Type"\r\n'
    '"2018-01-08 18:14:00 UTC"\t"203.0.113.42"\t"Mozilla/5.0"\t"WEB"\r\n'
    '"2018-01-09 07:02:00 UTC"\t"203.0.113.42"\t"Mozilla/5.0"\t"WEB"\r\n'
    '"2018-01-10 07:02:00 UTC"\t"198.51.100.23"\t"LinkedIn/9.1 iOS"\t"MOBILE"\r\n'
)
SEARCHES = "Time,Search Query\n2024-05-02 12:00:00 UTC,type 1 diabetes employee resource group\n"


def files(top: str = "") -> dict[str, bytes]:
    """The export's members, path -> bytes (LinkedIn zips are flat)."""
    prefix = f"{top}/" if top else ""
    members = {
        "Profile.csv": PROFILE,
        "Connections.csv": CONNECTIONS,
        "messages.csv": MESSAGES,
        "Shares.csv": SHARES,
        "Comments.csv": COMMENTS,
        "Email Addresses.csv": EMAILS,
        "PhoneNumbers.csv": PHONES,
        "Registration.csv": REGISTRATION,
        "SearchQueries.csv": SEARCHES,
    }
    encoded = {f"{prefix}{name}": text.encode("utf-8") for name, text in members.items()}
    encoded[f"{prefix}Logins.csv"] = LOGINS_2018.encode("utf-16")  # BOM + UTF-16LE, as in 2018
    return encoded


def build(samples: Path) -> Path:
    """samples/linkedin-export.zip."""
    target = samples / "linkedin-export.zip"
    write_zip(target, files())
    return target
