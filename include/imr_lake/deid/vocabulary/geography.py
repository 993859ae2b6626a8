"""States, months and weekdays: what Safe Harbor keeps and a calendar names.

US state and territory names (Safe Harbor removes geography below the state only), the
months and weekdays with their abbreviations. Standard names, no list of cities.
"""

from __future__ import annotations

from functools import cache

_WORDS = """
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada new
    hampshire jersey mexico york north carolina dakota ohio oklahoma oregon pennsylvania
    rhode island south tennessee texas utah vermont virginia washington west wisconsin
    wyoming district columbia puerto rico guam united states usa us america american
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday
"""


@cache
def words() -> frozenset[str]:
    return frozenset(_WORDS.split())
