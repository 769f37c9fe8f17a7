"""What a figure's number promises: the one table of comparator words, and the rule that reads it.

A target's number is a bound, an approximation, a range or the exact value: 增长6%左右 is about
6, 粮食产量不低于650亿斤 at least 650, 城镇调查失业率控制在5.5%以内 at most 5.5, 增长5%—5.5% a
range and 一般公共预算收入增长6% equal. The words that say so are listed here once: the extractor
builds its framing-word lists and its qualifier pattern from these tables, and gives every
figure its comparator, which the SQL models read as a column.
"""

from __future__ import annotations

from collections.abc import Iterable

ABOUT = "about"
AT_LEAST = "at_least"
AT_MOST = "at_most"
RANGE = "range"
EQUAL = "equal"

# Words that follow the number ("6%左右", "5.5%以内").
QUALIFIER_COMPARATORS: dict[str, str] = {
    "左右": ABOUT,
    "上下": ABOUT,
    "以上": AT_LEAST,
    "以内": AT_MOST,
    "以下": AT_MOST,
}

# Words between the indicator and the number ("不低于650亿斤", "控制在5.5%"), in order of
# precedence: the first of them among a figure's framing words decides.
BOUND_COMPARATORS: dict[str, str] = {
    "不低于": AT_LEAST,
    "不少于": AT_LEAST,
    "不超过": AT_MOST,
    "不高于": AT_MOST,
    "超过": AT_LEAST,
    "高于": AT_LEAST,
    "突破": AT_LEAST,
    "迈上": AT_LEAST,
    "跃上": AT_LEAST,
    "跨上": AT_LEAST,
    "低于": AT_MOST,
    "控制在": AT_MOST,
}

# Words that open a stretch figure after a target: 增长6%以上,力争7% sets one target of 6 with a
# stretch of 7, not two targets. The target is the bound the government answers for; the
# stretch is what it strives for (力争, 争取, 努力).
STRETCH_WORDS: tuple[str, ...] = ("力争", "争取", "努力")


def comparator(has_high_value: bool, framing_words: Iterable[str], qualifier: str) -> str:
    """The comparator of a figure: a range when it has a high value, else what the word after
    its number says, else what the framing words before it say, else equal."""
    if has_high_value:
        return RANGE
    if qualifier in QUALIFIER_COMPARATORS:
        return QUALIFIER_COMPARATORS[qualifier]
    words = set(framing_words)
    return next((kind for word, kind in BOUND_COMPARATORS.items() if word in words), EQUAL)
