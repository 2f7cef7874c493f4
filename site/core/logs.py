"""Log records as JSON, one object per line, for production's log collector.

Each line has `time`, `level`, `logger` and `message`, the `event` a record names (a stable key to
alert on: `catalogue_sync_failed`, `shop_link_broken`, `enquiry_mail_failed`,
`image_rendition_failed`, …) and the record's other simple extra fields (numbers, ids, states).
No personal data: Django's request objects are never written (they carry the client address, user
agent and query string), and e-mail and IP addresses in messages and fields are masked, in case an
exception's text carried one (an SMTP server refusing a recipient names it).
"""

import json
import logging
import re
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else came in through `extra=`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Never written, whatever a caller passes: these carry who the visitor is.
PERSONAL = {"request", "client", "ip", "remote_addr", "user_agent", "email", "query_string"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Full (eight groups) or compressed (with "::") IPv6 addresses; not clock times like 12:30:45.
HEX_GROUPS = r"[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*"
IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:[0-9a-f]{{1,4}}:){{7}}[0-9a-f]{{1,4}}|(?:{HEX_GROUPS})?::(?:{HEX_GROUPS})?)(?![\w:])",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """The text with e-mail and IP addresses masked."""
    return IPV6.sub("[ip]", IPV4.sub("[ip]", EMAIL.sub("[email]", text)))


def _plain(value):
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, str):
        return scrub(value)
    return None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key in STANDARD or key in PERSONAL or key.startswith("_"):
                continue
            plain = _plain(value)
            if plain is not None or value is None:
                entry[key] = plain
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
