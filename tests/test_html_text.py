"""html_to_text: visible text of a saved web page, one block element per line."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from loaders.html_text import html_to_text

REPORTS_DIR = Path(__file__).resolve().parent.parent / "data" / "reports"
REPORT_NAMES = sorted(p.name for p in REPORTS_DIR.glob("*.txt"))

# Text that lives only in markup a reader never sees; none of it may reach the output.
HIDDEN = ["脚本里的字", "样式里的字", "导航首页", "导航新闻中心", "尾部脚本", "页脚导航"]


def saved_page(text: str) -> str:
    """A web page as a browser saves it: report lines in <p>, plus scripts, styles and menus."""
    body = "\n".join(f"    <p>{html.escape(line)}</p>" for line in text.splitlines())
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>政府工作报告</title>
  <style>p {{ line-height: 2; }} .x::after {{ content: "样式里的字"; }}</style>
  <script>var s = "脚本里的字"; document.write("<p>脚本里的字</p>");</script>
</head>
<body>
  <nav class="menu"><ul>
    <li><a href="/">导航首页</a></li>
    <li><a href="/news">导航新闻中心</a></li>
  </ul></nav>
  <div id="content">
{body}
  </div>
  <script type="text/javascript">console.log("尾部脚本");</script>
  <nav class="footer"><a href="/about">页脚导航</a></nav>
</body>
</html>
"""


def content_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_scripts_styles_and_nav_are_dropped() -> None:
    out = html_to_text(saved_page("各位代表:\n现在,我代表市人民政府向大会报告工作。"))
    for hidden in HIDDEN:
        assert hidden not in out
    assert "console.log" not in out
    assert "line-height" not in out
    assert out == "各位代表:\n现在,我代表市人民政府向大会报告工作。"


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert('脚本')</script>",
        "<style>body{color:red}/*样式*/</style>",
        "<nav><a href='/'>首页</a>|<a href='/x'>栏目</a></nav>",
        "<noscript>请启用脚本</noscript>",
        "<form><select><option>选项</option></select><button>提交</button></form>",
    ],
)
def test_each_invisible_element_is_dropped(markup: str) -> None:
    out = html_to_text(f"<html><body><p>正文一</p>{markup}<p>正文二</p></body></html>")
    assert out == "正文一\n正文二"


def test_block_elements_become_lines() -> None:
    page = (
        "<body><p>一、工作回顾</p><p>二、今年目标</p>"
        "<div>三、重点任务</div><div>四<br>五<br/>六</div>"
    )
    assert html_to_text(page) == "一、工作回顾\n二、今年目标\n三、重点任务\n四\n五\n六"


def test_list_and_table_cells_become_lines() -> None:
    page = "<ul><li>稳增长</li><li>促改革</li></ul><table><tr><td>GDP</td></tr><tr><td>5%</td></tr>"
    assert html_to_text(page) == "稳增长\n促改革\nGDP\n5%"


def test_inline_tags_do_not_split_lines() -> None:
    page = (
        "<p>2023年<b>地区生产总值</b>增长<span class='n'>5.2</span>%,"
        "<a href='#t1'>详见</a><em>附表</em><strong>一</strong>&amp;<i>二</i></p>"
    )
    assert html_to_text(page) == "2023年地区生产总值增长5.2%,详见附表一&二"


def test_nested_blocks_leave_no_blank_lines() -> None:
    page = "<div><div><p>甲</p></div>\n\n<div>\n  \n</div><section><p>乙</p></section></div>"
    assert html_to_text(page) == "甲\n乙"


def test_empty_and_invisible_only_pages_give_empty_text() -> None:
    assert html_to_text("") == ""
    assert html_to_text("<html><head><script>x()</script></head><body></body></html>") == ""


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_saved_page_matches_plain_file(name: str) -> None:
    text = (REPORTS_DIR / name).read_text(encoding="utf-8")
    lines = content_lines(text)
    assert len(lines) > 50
    assert content_lines(html_to_text(saved_page(text))) == lines


def test_saved_page_lines_are_not_merged() -> None:
    """Each <p> stays its own line, so the line count is the plain file's, not one blob."""
    text = (REPORTS_DIR / "000_56e08ec3f9ad0187.txt").read_text(encoding="utf-8")
    out = html_to_text(saved_page(text))
    assert len(out.splitlines()) == len(content_lines(text))
