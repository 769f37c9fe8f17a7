"""The visible text of a saved web page, one block element per line.

Report bodies are laid out as paragraphs; keeping block boundaries as line breaks preserves the
line structure that heading and dateline rules rely on, while scripts, styles and navigation
markup (which never carry report text) are dropped.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

_INVISIBLE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "head",
    "select",
    "button",
    "form",
    "object",
    "embed",
]
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "body",
        "html",
        "title",
    }
)


# Stands on the stack where a block element's children end: its closing line break.
_BLOCK_END = None


def _children_reversed(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    children.reverse()
    return children


def _walk(node: LexborNode, out: list[str]) -> None:
    """The text under ``node`` in document order, each block element between line breaks.

    A loop over an explicit stack, not recursion: malformed pages nest thousands of elements
    deep (an unclosed <font> or <span> on every line), past Python's recursion limit.
    """
    stack: list[LexborNode | None] = _children_reversed(node)
    while stack:
        child = stack.pop()
        if child is _BLOCK_END:
            out.append("\n")
        elif child.tag == "-text":
            out.append(child.text_content or "")
        elif child.tag in _BLOCK_TAGS:
            out.append("\n")
            stack.append(_BLOCK_END)
            stack.extend(_children_reversed(child))
        else:
            stack.extend(_children_reversed(child))


def html_to_text(html: str) -> str:
    """Visible text of ``html``; runs of blank lines collapse to one line break."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE_TAGS)
    root = tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = [line.rstrip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line.strip())
