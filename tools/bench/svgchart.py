"""svgchart.py - a horizontal grouped bar chart on a log-10 axis, written
as plain SVG text (no plotting library: the harness must run on a bare
Debian with python3 only).  Used by run.py for bench-out/results.svg.

render(rows, title): rows is a list of (label, section, {series: value});
value None draws no bar and prints "failed".  Where section changes from
one row to the next the chart gets a gap, a rule and the section's name
(the start-up kernels measure something different from the CPU kernels).
"""
import math
from xml.sax.saxutils import escape

COLOURS = ("#d9534f", "#5b8def", "#5cb85c", "#f0ad4e")
BAR_H, GAP, LABEL_W, PLOT_W, TOP = 12, 10, 130, 520, 50


def _ticks(lo, hi):
    """1-2-5 ticks covering [lo, hi] (both powers of ten)."""
    out, e = [], int(round(math.log10(lo)))
    while 10 ** e <= hi:
        for m in (1, 2, 5):
            v = m * 10.0 ** e
            if lo <= v <= hi:
                out.append(v)
        e += 1
    return out


def _fmt(v):
    return "%.2f" % v if v < 10 else "%.1f" % v if v < 100 else "%.0f" % v


def render(rows, title):
    series = []
    for _, _, vals in rows:
        for s in vals:
            if s not in series:
                series.append(s)
    values = [v for _, _, vals in rows for v in vals.values() if v]
    lo = 10 ** math.floor(math.log10(min(values + [1.0])))
    hi = 10 ** math.ceil(math.log10(max(values + [10.0])))
    span = math.log10(hi) - math.log10(lo)

    def x_of(v):
        return LABEL_W + PLOT_W * (math.log10(v) - math.log10(lo)) / span

    group_h = BAR_H * len(series) + GAP
    n_sep = sum(1 for i, r in enumerate(rows) if i and r[1] != rows[i - 1][1])
    height = TOP + group_h * len(rows) + 20 * n_sep + 40
    width = LABEL_W + PLOT_W + 90
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="11">' % (width, height),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="18" font-size="13" font-weight="bold">%s</text>'
         % (LABEL_W, escape(title))]
    for i, s in enumerate(series):
        x = LABEL_W + 150 * i
        o.append('<rect x="%d" y="28" width="10" height="10" fill="%s"/>'
                 % (x, COLOURS[i % len(COLOURS)]))
        o.append('<text x="%d" y="37">%s</text>' % (x + 14, escape(s)))
    bottom = height - 30
    for t in _ticks(lo, hi):
        x = x_of(t)
        o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>'
                 % (x, TOP - 4, x, bottom, "#888" if t == 1 else "#ddd"))
        o.append('<text x="%.1f" y="%d" text-anchor="middle">%g×</text>' % (x, bottom + 14, t))
    y = TOP
    for i, (label, section, vals) in enumerate(rows):
        if i and section != rows[i - 1][1]:
            y += 20
            o.append('<line x1="4" y1="%d" x2="%d" y2="%d" stroke="#888" stroke-dasharray="4 3"/>'
                     % (y - 14, width - 4, y - 14))
            o.append('<text x="%d" y="%d" text-anchor="end" fill="#555">%s</text>'
                     % (width - 4, y - 3, escape(section or "")))
        o.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                 % (LABEL_W - 6, y + BAR_H * len(series) / 2 + 4, escape(label)))
        for j, s in enumerate(series):
            v = vals.get(s)
            by = y + j * BAR_H
            if not v:
                o.append('<text x="%d" y="%d" fill="#a00">%s: failed</text>'
                         % (LABEL_W + 4, by + BAR_H - 2, escape(s)))
                continue
            x0, x1 = x_of(lo), x_of(v)
            o.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>'
                     % (x0, by + 1, max(x1 - x0, 1), BAR_H - 2, COLOURS[j % len(COLOURS)]))
            o.append('<text x="%.1f" y="%d">%s</text>'
                     % (x1 + 3, by + BAR_H - 2, _fmt(v)))
        y += group_h
    o.append("</svg>")
    return "\n".join(o) + "\n"
