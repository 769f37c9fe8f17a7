"""The framing words around an indicator: what is stripped to leave the series a figure names.

"全年地区生产总值完成59.33亿元": 全年 opens the clause and 完成 stands between the indicator and
its number; neither names any part of the series. The extractor strips these words from every
figure's indicator; the SQL models strip the same words from the indicators of targets without a
number, through the patterns that shared_patterns.py builds from these lists.
"""

from __future__ import annotations

from .comparators import BOUND_COMPARATORS, QUALIFIER_COMPARATORS, STRETCH_WORDS

# The qualifiers of a figure that may stand between it and the next one ("增长6%左右、…"), so
# framing words on either side of an indicator. 上下 is not one: it opens words (上下游) and
# closes others (全市上下).
FRAMING_QUALIFIERS = tuple(word for word in QUALIFIER_COMPARATORS if word != "上下")
# Words that open a clause before its indicator, in a figure's clause and in a target's
# ("其中", "全年…", "同时…").
CLAUSE_OPENERS = ("其中", "全年", "今年", "同时", "另外")
# Words that open a main-targets clause before its indicator ("主要预期目标是:…", "各项…",
# "努力实现居民收入增长和经济发展同步"); in a figure's clause they may be part of it (各项贷款余额).
TARGET_LEAD_INS = ("主要预期目标是", "主要目标是", "各项", *STRETCH_WORDS, "实现")
# Stripped from the start of a figure's indicator. Where two could open it, the first listed
# wins; the clause openers share no first character with another word, so their place is free.
LEADING_WORDS = (
    *CLAUSE_OPENERS,
    "预计",
    "当年",
    "去年",
    "上年",
    "此外",
    "我们",
    "累计",
    "合计",
    "共计",
    "总计",
    "完成",
    "实现",
    "达到",
    # 力争, 争取, 努力: govreports/figures/comparators.py
    *STRETCH_WORDS,
    "确保",
    "全县",
    "全市",
    "全区",
    "全省",
    "全州",
    "全盟",
    "全旗",
    "全国",
    "全社会",
    "本级",
    "区本级",
    "县本级",
    "市本级",
    "我县",
    "我市",
    "我区",
    "我省",
    *FRAMING_QUALIFIERS,
    "共",
    "和",
    "及",
    "与",
    "并",
    "且",
    "、",
    "的",
    "是",
    "为",
    " ",
)
# Words between an indicator and its number. Longest first, stripped repeatedly from the end.
TRAILING_WORDS = tuple(
    sorted(
        (
            "同比增长",
            "比上年增长",
            "比去年增长",
            "比上年下降",
            "同比下降",
            "增长",
            "下降",
            "增加",
            "减少",
            "提高",
            "降低",
            "提升",
            "回落",
            "上涨",
            "上升",
            "增速",
            "增幅",
            "涨幅",
            "降幅",
            "增",
            "降",
            "达到",
            "达",
            "完成",
            "实现",
            "为",
            "是",
            "定为",
            "确定为",
            "定在",
            "超",
            "约",
            "近",
            "逾",
            "保持在",
            "稳定在",
            "保持",
            "稳定",
            "分别",
            "年均",
            "累计",
            "共",
            "共有",
            "都",
            "均",
            "即",
            "只",
            "仍然",
            "高达",
            "扣除物价因素",
            "扣除价格因素",
            "扣除物价上涨因素",
            "总计",
            "合计",
            "首次",
            "同比",
            "可比",
            "同口径",
            "可比口径",
            "按可比口径",
            "比上年",
            "比去年",
            "实际",
            "名义",
            "了",
            "至",
            "到",
            "从",
            "由",
            # the words that open a stretch figure: govreports/figures/comparators.py
            *STRETCH_WORDS,
            # the words that bound a number, and the qualifiers: govreports/figures/comparators.py
            *BOUND_COMPARATORS,
            *FRAMING_QUALIFIERS,
            "预计",
            "有望",
            "预期",
            "目标",
            "要",
            "将",
            "确保",
            "再",
            "又",
            "已",
            " ",
            "、",
        ),
        key=len,
        reverse=True,
    )
)
GROWTH_WORDS = frozenset(("增长", "增速", "增幅", "涨幅", "上涨", "上升", "增", "提高", "提升"))
FALL_WORDS = frozenset(("下降", "降低", "减少", "回落", "降幅", "降"))
CHANGE_WORDS = GROWTH_WORDS | FALL_WORDS
