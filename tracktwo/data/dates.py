"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the tables write them: parse and bound them."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

import pandas as pd

#: The months as the course writes them ("7 December 2026"), whatever the machine's locale (the
#: calendar module's names follow the locale). One home for the tables, the sheets and the figures.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}

# ------------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def parse_partial_date(text: str) -> tuple[pd.Timestamp, str] | None:
    """``"2009-04"`` -> (Timestamp('2009-04-01'), 'month'); None if ``text`` is not a real date.

    Accepts YYYY, YYYY-MM and YYYY-MM-DD, and checks the calendar (no 2015-02-30).
    """
    if not isinstance(text, str) or len(text) > 10:
        return None
    m = _PARTIAL.fullmatch(text)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    y = int(year)
    mo = int(month) if month else 1
    d = int(day) if day else 1
    if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    parts = 1 + (month is not None) + (day is not None)
    return pd.Timestamp(year=y, month=mo, day=d), _PRECISION_OF_PARTS[parts]


def unit_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day of the year/month/day that begins at ``start``."""
    if precision == "year":
        return pd.Timestamp(year=start.year, month=12, day=31)
    if precision == "month":
        return pd.Timestamp(year=start.year, month=start.month, day=calendar.monthrange(start.year, start.month)[1])
    return start
