"""The persona's Reddit GDPR export (u/rowan_hale): CSVs with CRLF and LF line endings, as Reddit writes."""

from __future__ import annotations

from pathlib import Path

from samples.builders import write_zip

POSTS = (
    "id,permalink,date,ip,subreddit,gildings,title,url,body\r\n"
    "1a2b3c,https://www.reddit.com/r/diabetes_t1/comments/1a2b3c/pump_site_tips/,2023-04-04 04:42:19 UTC,"
    '203.0.113.42,diabetes_t1,0,Pump site tips?,,"Diagnosed at 19, on an insulin pump since 2021.\r\n'
    'Anyone else in Portland get rashes from the adhesive?"\r\n'
)
COMMENTS = (
    "id,permalink,date,ip,subreddit,gildings,link,parent,body,media\n"
    "jk1x9q,https://www.reddit.com/r/Quakers/comments/xyz/meeting/jk1x9q/,2023-05-11 18:00:02 UTC,,Quakers,0,"
    "https://www.reddit.com/r/Quakers/comments/xyz/meeting/,t3_xyz,"
    '"Our meeting on Alder Street welcomes everyone. I\'m bi and have never felt more at home.",\n'
    "jk2y0r,https://www.reddit.com/r/Portland/comments/abc/parks/jk2y0r/,2023-06-01 09:30:00 UTC,,Portland,0,"
    "https://www.reddit.com/r/Portland/comments/abc/parks/,t3_abc,"
    '"Mount Tabor at sunset with my daughter 🌅",\n'
)
MESSAGES = (
    "id,permalink,thread_id,date,ip,from,to,subject,body\n"
    "2m3n4o,https://www.reddit.com/message/messages/2m3n4o,,2023-06-02 10:00:00 UTC,,rowan_hale,jonasb,"
    'keys,"Spare key is with the neighbour at 1427 Alder St, text me at 503-555-0142"\n'
)
CHATS = (
    "message_id,created_at,updated_at,username,message,channel_url,subreddit,channel_name,conversation_type\r\n"
    'c1,2023-06-03 11:00:00 UTC,2023-06-03 11:00:00 UTC,rowan_hale,"my email is ro.delacroix@example.com\r\n'
    'if the chat eats this",sendbird_group_channel_1,,,direct\r\n'
)
IP_LOGS = (
    "date,ip\r\nregistration ip,203.0.113.42\r\n2023-06-01 09:30:00 UTC,203.0.113.42\r\n"
    "2023-06-02 10:00:00 UTC,198.51.100.77\r\n"
)
STATISTICS = (
    "statistic,value\naccount name,rowan_hale\nemail address,rowan.hale@example.org\n"
    "registration date,2019-02-11 08:00:00 UTC\nexport time,2023-06-05 12:00:00 UTC\n"
)
EMPTY_WITH_CRLF = "id,permalink,date,ip,subreddit\r\n"


def files(top: str = "") -> dict[str, bytes]:
    """The export's members, path -> bytes."""
    prefix = f"{top}/" if top else ""
    members = {
        "posts.csv": POSTS,
        "comments.csv": COMMENTS,
        "messages.csv": MESSAGES,
        "chat_history.csv": CHATS,
        "ip_logs.csv": IP_LOGS,
        "statistics.csv": STATISTICS,
        "hidden_posts.csv": EMPTY_WITH_CRLF,
        "linked_phone_number.csv": "phone_number\n+15035550142\n",
        "checkfile.csv": "filename,sha256\nposts.csv,0\n",
    }
    return {f"{prefix}{name}": text.encode("utf-8") for name, text in members.items()}


def build(samples: Path) -> Path:
    """samples/reddit-export.zip."""
    target = samples / "reddit-export.zip"
    write_zip(target, files())
    return target
