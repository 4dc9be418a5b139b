"""A generated corpus of script-injection and malformed-Markdown payloads.

Every payload, if it ran, would set `window.__xss` or open a dialog. Shared by the sanitiser
test (tests/common/test_hostile_markdown.py) and the browser test of the Bright Spot form.
"""

TAGS = [
    "script", "img", "svg", "iframe", "object", "embed", "body", "details", "video", "audio",
    "input", "form", "a", "math", "style", "link", "meta", "base", "marquee", "button",
    "select", "textarea", "source", "p", "div", "table", "td", "h2", "blockquote", "code",
]  # fmt: skip
HANDLERS = [
    "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "onbegin",
    "onanimationstart", "onpointerenter", "ONERROR",
]  # fmt: skip
SCHEMES = [
    "javascript:window.__xss=1", "JaVaScRiPt:window.__xss=1", "java\tscript:window.__xss=1",
    "&#106;avascript:window.__xss=1", "javascript&#58;window.__xss=1",
    "&#x6A;&#x61;vascript:window.__xss=1", " javascript:window.__xss=1",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==",
    "data:text/html,<script>window.__xss=1</script>", "vbscript:msgbox(1)",
    "javascript://%0awindow.__xss=1", "jav&#x09;ascript:window.__xss=1",
]  # fmt: skip
LINK_FORMS = [
    "[click]({url})",
    "![image]({url})",
    "<{url}>",
    "[reference][1]\n\n[1]: {url}",
    '<a href="{url}">link</a>',
    '<img src="{url}">',
    '<iframe src="{url}"></iframe>',
    '[x]({url} "title")',
]
MALFORMED = [
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<<script>script>window.__xss=1<</script>/script>",
    "<img src=x onerror=window.__xss=1//",
    '<p title="</p><script>window.__xss=1</script>">',
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "`<script>window.__xss=1</script>`",
    "```\n<script>window.__xss=1</script>\n```",
    "```\nunclosed fence <img src=x onerror=window.__xss=1>",
    "<!--><script>window.__xss=1</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | [x](javascript:alert(1)) |",
    "> <svg/onload=window.__xss=1>\n> **unclosed *markdown [link(",
    "***bold <b onmouseover=window.__xss=1>x</b>***",
    "1. list\n   <script>window.__xss=1</script>\n2. item",
    '<svg><a xlink:href="javascript:window.__xss=1"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<form><button formaction="javascript:window.__xss=1">go</button></form>',
    '<a href="https://example.org" target="_blank" onclick="window.__xss=1">new tab</a>',
    '[x](https://example.org" onmouseover="window.__xss=1)',
    '<div style="background:url(javascript:window.__xss=1)">styled</div>',
    "<style>@import 'javascript:window.__xss=1';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:window.__xss=1//">',
    "<scrİpt>window.__xss=1</scrİpt>",
    "[" * 50 + "deeply nested" + "]" * 50 + "(javascript:window.__xss=1)",
    "*" * 200 + "emphasis storm",
    "<" * 100 + "script>window.__xss=1",
]


def corpus():
    """Every payload: each tag with each event handler, each unsafe URL in each link form, and
    hand-written malformed Markdown and mutation-XSS shapes."""
    payloads = []
    for tag in TAGS:
        for handler in HANDLERS:
            payloads.append(f'<{tag} src=x {handler}="window.__xss=1">{tag} {handler}</{tag}>')
    for url in SCHEMES:
        for form in LINK_FORMS:
            payloads.append(form.format(url=url))
    payloads.extend(MALFORMED)
    return payloads
