"""Charts drawn on the server as SVG: no script, no network, Chinese labels in the page's own font.

Each chart has a title and a description for screen readers (``<title>``,
``<desc>``), and the page shows its numbers as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from gridrules.catalogue import chinese, t

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
PALETTE = ("#1a7f37", "#2da44e", "#bf8700", "#cf222e", "#0b5cad", "#8250df", "#57606a")


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]
    color: str


def _width(text: str) -> float:
    """Rough width of a label at 12px: CJK characters are square, others about half."""
    return sum(12 if ord(ch) > 0x2E80 else 7 for ch in text)


def _empty(title: str) -> Markup:
    """A chart with nothing to draw: it says so."""
    words = t("page.no_data")
    return _svg(400, 40, title, words, [f'<text x="8" y="24">{escape(words)}</text>'])


def _svg(width: float, height: float, title: str, desc: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="img" '
            f'font-family="{FONT}" font-size="12"><title>{escape(title)}</title><desc>{escape(desc)}</desc>')
    return Markup(head + "".join(body) + "</svg>")


def bars(title: str, rows: list[tuple[str, float]], color: str = PALETTE[4], unit: str = "",
         marks: dict[str, str] | None = None) -> Markup:
    """Horizontal bars, one a row, its value written after it; ``marks``: a colour for some rows."""
    if not rows:
        return _empty(title)
    label_w = min(max(_width(label) for label, _ in rows) + 12, 260)
    bar_w, row_h = 300, 22
    top = max(value for _, value in rows) or 1
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * row_h + 4
        length = bar_w * value / top
        fill = (marks or {}).get(label, color)
        body.append(f'<text x="{label_w - 6:.0f}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_w:.0f}" y="{y + 3}" width="{length:.1f}" height="{row_h - 8}" fill="{fill}"/>'
                    f'<text x="{label_w + length + 4:.1f}" y="{y + 14}">{value:g}{escape(unit)}</text>')
    desc = chinese("words.sentence_sep").join(f"{label} {value:g}{unit}" for label, value in rows)
    return _svg(label_w + bar_w + 70, len(rows) * row_h + 8, title, desc, body)


def columns(title: str, labels: list[str], series: list[Series]) -> Markup:
    """Stacked columns over time (one a label), with a legend under them."""
    if not labels:
        return _empty(title)
    left, plot_h, top_pad = 40, 180, 10
    step = max(min(600 / len(labels), 40), 8)
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(totals) or 1
    body = [f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + step * len(labels)}" y2="{top_pad + plot_h}" '
            f'stroke="#8c959f"/>', f'<text x="{left - 4}" y="{top_pad + 10}" text-anchor="end">{top:g}</text>',
            f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end">0</text>']
    every = max(1, len(labels) // 10)
    for i, label in enumerate(labels):
        x, base = left + i * step, float(top_pad + plot_h)
        for s in series:
            h = plot_h * s.values[i] / top
            if h > 0:
                base -= h
                body.append(f'<rect x="{x + 1:.1f}" y="{base:.1f}" width="{step - 2:.1f}" height="{h:.1f}" '
                            f'fill="{s.color}"><title>{escape(label)} {escape(s.name)} {s.values[i]:g}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x + step / 2:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                        f'font-size="10">{escape(label[5:] if len(label) == 10 else label)}</text>')
    y, x = top_pad + plot_h + 34, float(left)
    for s in series:
        body.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{s.color}"/>'
                    f'<text x="{x + 14}" y="{y}">{escape(s.name)}</text>')
        x += _width(s.name) + 34
    desc = chinese("words.sentence_sep").join(chinese("page.chart.total", name=s.name, total=f"{sum(s.values):g}")
                                              for s in series)
    return _svg(max(left + step * len(labels) + 10, x + 10), y + 8, title, desc, body)
