"""Bar charts of results as inline SVG drawn on the server (no script, no style attributes).

Colours come from the stylesheet's classes, never from fill attributes: text is drawn
in currentColor and bars in the brand colour, which forced-colours (high contrast) mode
turns into the user's system colours.
"""

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 230
ROW = 34
BAR_HEIGHT = 22
LABEL_CHARS = 30


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int, str]],
              description: str = "") -> Markup:
    """A horizontal bar chart of (label, percent, figure text) rows, accessible as one image.

    The SVG has role="img" with a title and a description that carry the numbers;
    pages also show them in a table.
    """
    height = ROW * max(len(rows), 1) + 8
    bar_space = WIDTH - LABEL_WIDTH - 110
    desc = description or "; ".join(f"{label}: {figure}" for label, _, figure in rows)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i, (label, percent, figure) in enumerate(rows):
        y = 4 + i * ROW
        width = max(0, min(percent, 100)) * bar_space / 100
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<rect class="chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
                     f'height="{BAR_HEIGHT}"></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 16}">{escape(figure)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # nosec B704
