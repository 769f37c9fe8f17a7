"""Indicators that name several series at once.

城乡居民人均可支配收入 is the urban and the rural series together: 城镇居民人均可支配收入 and
农村居民人均可支配收入. The extractor shares a run of two figures out to them
("城乡居民人均可支配收入分别增长4%、8.7%"); the SQL models split a target without a number the
same way, by calling
:func:`urban_and_rural_series` (registered in DuckDB as ``govreports_series_named``).
"""

from __future__ import annotations

URBAN_AND_RURAL = "城乡"
URBAN_AND_RURAL_PARTS = ("城镇", "农村")


def urban_and_rural_series(indicator: str) -> list[str]:
    """The series an indicator names: the urban and the rural one for 城乡…, else itself."""
    if indicator.startswith(URBAN_AND_RURAL):
        rest = indicator[len(URBAN_AND_RURAL) :]
        return [part + rest for part in URBAN_AND_RURAL_PARTS]
    return [indicator]


# The heads that name whose series it is; longest first, so 农村牧区 is one head, not 农村.
AREA_HEADS = ("农村牧区", "城镇", "城市", "农村", "乡村", "农牧区")


def with_shared_tail(head: str, last: str) -> str:
    """A short series name completed by the tail it shares with the last one of its list.

    "城镇和农村牧区常住居民人均可支配收入": 城镇 takes the tail after 农村牧区, the head of the
    last name, not after its first two characters.
    """
    own_head = next((h for h in AREA_HEADS if last.startswith(h)), None)
    return head + last[len(own_head) if own_head else len(head) :]
