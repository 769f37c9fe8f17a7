"""Patterns that the SQL models need as much as the extractor: written here, once.

The extractor imports them; the dbt plugin registers each as a SQL macro without arguments,
``govreports_<name>()`` (the name in lower case), that returns the pattern. A model writes
``regexp_matches(title, govreports_five_year_plan_name())``: DuckDB expands the macro into the
constant, so the expression is compiled once, as a literal would be. Patterns here must mean
the same to Python's ``re`` and to DuckDB's RE2: no look-arounds, no backreferences.
"""

from __future__ import annotations

from .comparators import STRETCH_WORDS
from .framing import CHANGE_WORDS, CLAUSE_OPENERS, TARGET_LEAD_INS

# A five-year plan by its ordinal: 十三五, 十四五, 九五, and 十五 (the tenth). The first group
# is the ordinal (十三, 十四, 九, 十): macros/rules/five_year_plans.sql turns it into the plan's
# last year.
FIVE_YEAR_PLAN_NAME = "(十[一二三四五六七八九]?|[一二三四五六七八九])五"

# A plan named in running text: only the tenth on (十五, 十一五 … 十九五). There 九五 and 八五 are
# mostly a year written in words (一九九五年, 一九八五年), not a plan.
FIVE_YEAR_PLAN_NAME_IN_TEXT = "十[一二三四五六七八九]?五"

# The lead-in of a main-targets clause before its indicator: its framing words (framing.py), a
# colon, a list point's dash.
TARGET_LEAD_IN = (
    "^\\s*(" + "|".join((*TARGET_LEAD_INS, *CLAUSE_OPENERS, ":", "——", "—", "-")) + ")+"
)

# The change word after a target's indicator, with 实际 before it: 居民收入实际增长 is 居民收入.
TARGET_CHANGE_WORD = (
    "(实际)?(" + "|".join(sorted(CHANGE_WORDS, key=lambda word: (-len(word), word))) + ")"
)


# A stretch word among a figure's lead words (力争 of 增长6%以上,力争7%; 左右、力争 of
# 增长6.5%左右、力争7%): int_goal_figures_dated pairs such a figure with the target before it.
STRETCH_LEAD = "(" + "|".join(STRETCH_WORDS) + ")"


def sql_macros() -> dict[str, str]:
    """Each pattern by the name of its SQL macro."""
    return {
        f"govreports_{name.lower()}": value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str)
    }
