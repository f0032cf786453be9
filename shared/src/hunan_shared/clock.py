"""Time as the suite publishes it: ISO 8601 with the Asia/Shanghai offset (+08:00, no daylight saving)."""

from __future__ import annotations

import datetime as dt

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI)
