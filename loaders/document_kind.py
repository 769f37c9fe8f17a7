"""Documents that come with work reports but are not one: the congress's resolution approving a
report, and the budget report delivered at the same session. Collections file them beside the
reports (often under the report's name), so the loader names them and rejects them."""

from __future__ import annotations

import re

# how a work report speaks: to the deputies, on behalf of a government, reviewing its year
_WORK_REPORT_VOICE = re.compile(r"各位代表|我代表|受.{0,12}的委托|工作回顾")
# 关于政府工作报告的决议; 会议听取(和审议)了…所作的政府工作报告
_RESOLUTION = re.compile(
    r"关于政府工作报告的决议|会议(?:认真)?(?:听取|审议)(?:了|和审议了)?[^。]{0,60}政府工作报告"
)
# 2025年预算执行情况和2026年预算(草案)的报告
_BUDGET_REPORT = re.compile(r"预算执行情况[^。\n]{0,40}预算(?:\(草案\))?的?报告")
_OPENING_CHARS = 1500


def not_a_report_reason(normalized: str) -> str | None:
    """Why the normalised text is not a government work report, or None if it may be one.

    Only the opening is searched for the other document's title, and that title must not be
    followed by a work report's voice, so a report that mentions a resolution or the budget
    report in passing is kept.
    """
    opening = normalized[:_OPENING_CHARS]
    for pattern, reason in (
        (_RESOLUTION, "the congress's resolution on a report (关于政府工作报告的决议)"),
        (_BUDGET_REPORT, "a budget report (预算执行情况和预算草案的报告)"),
    ):
        found = pattern.search(opening)
        if found and not _WORK_REPORT_VOICE.search(normalized, found.end()):
            return f"not a government work report: {reason}"
    return None
