"""What a notebook cell shows: a ``Chart`` (figure + caption, embedded as a PNG) or a ``Note``.

Charts are drawn on plain ``matplotlib.figure.Figure`` objects (no pyplot state, nothing shown twice) and
saved with a tight bounding box, so no title or tick label is cut off. In the exported HTML a chart is one
``<figure>`` with its caption, which the PDF keeps on one page. Example::

    >>> fig, ax = new_figure(title="Events per day")      # doctest: +SKIP
    >>> Chart(fig, "Bars are stacked by category.")        # doctest: +SKIP
"""
from __future__ import annotations

import base64
import html
import io

import numpy as np

import matplotlib

matplotlib.use("Agg")  # noqa: E402  (before any figure is made; charts are always files, never windows)
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.report.palette import NEUTRAL

DPI = 150
WIDTH = 8.0   # inches: the width of an A4 text column at print size

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9.5,
    "axes.labelcolor": NEUTRAL["text"],
    "axes.edgecolor": NEUTRAL["border"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": NEUTRAL["grid"],
    "xtick.color": NEUTRAL["text"],
    "ytick.color": NEUTRAL["text"],
    "legend.frameon": False,
    "legend.fontsize": 8.5,
}


def new_figure(height: float = 3.4, width: float = WIDTH, ncols: int = 1, **kw):
    """A styled figure and its axes (constrained layout keeps labels inside the canvas)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, ncols, **kw)
    return fig, axes


def styled(func):
    """Run a drawing function with the report's rc style (fonts and sizes apply at draw time too)."""
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return func(*args, **kwargs)
    wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ = func.__name__, func.__doc__, func
    return wrapper


def png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.12, facecolor="white")
    return buf.getvalue()


class Chart:
    """A finished chart: figure, caption (plain text, escaped on output) and alt text."""

    def __init__(self, fig: Figure, caption: str, alt: str | None = None):
        self.fig = fig
        self.caption = caption
        titles = [ax.get_title(loc=loc) for ax in fig.axes[:1] for loc in ("left", "center")]
        self.alt = alt or next((t for t in titles if t), "chart")
        self._png: bytes | None = None

    @property
    def png(self) -> bytes:
        if self._png is None:
            self._png = png_bytes(self.fig)
        return self._png

    @property
    def width_percent(self) -> float:
        """The picture's share of the text column: a narrow figure (a one-category actor matrix) is shown at
        the same scale as the full-width ones, never blown up to the column's width."""
        pixels = int.from_bytes(self.png[16:20], "big")        # PNG header: IHDR width
        return min(100.0, 100.0 * pixels / (WIDTH * DPI))

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<figure class="nf-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
                f'style="width:{self.width_percent:.1f}%"/>'
                f'<figcaption>{html.escape(self.caption)}</figcaption></figure>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"<Chart: {self.alt}>"}

    def save(self, path) -> None:
        with open(path, "wb") as fh:
            fh.write(self.png)


class Note:
    """A sentence in place of a chart or table, e.g. when the selection has nothing to show."""

    def __init__(self, text: str, kind: str = "empty"):
        self.text = text
        self.kind = kind

    def _repr_html_(self) -> str:
        return f'<p class="nf-note nf-{self.kind}">{html.escape(self.text)}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": self.text}

    def __str__(self) -> str:
        return self.text


class HTML:
    """Ready-made (already escaped) HTML from the report's own builders, shown as is."""

    def __init__(self, markup: str, text: str = ""):
        self.markup = markup
        self.text = text or "<HTML>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.markup, "text/plain": self.text}

    def __str__(self) -> str:
        return self.markup


def marker_boxes(ax, xs, ys, size: float, pad: float = 1.0) -> list:
    """Display-space boxes of scatter markers of area ``size`` (points²) at data ``xs, ys``."""
    from matplotlib.transforms import Bbox

    r = (size ** 0.5) / 2 * ax.figure.dpi / 72 + pad
    out = []
    for x, y in zip(xs, ys):
        px, py = ax.transData.transform((x, y))
        out.append(Bbox([[px - r, py - r], [px + r, py + r]]))
    return out


def shorten_to_width(text: str, width: float, measure, min_chars: int = 3, whole_first_word: bool = False) -> str | None:
    """The longest form of ``text`` whose ``measure(...)`` is at most ``width``: the whole text, else cut
    at a word boundary (or mid-word when that keeps much more) with an ellipsis; ``None`` when not even
    ``min_chars`` characters fit (or, with ``whole_first_word``, not even the first word: "Ukr…" says
    nothing)."""
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:                      # the most characters that fit with "…"
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo < min_chars or (whole_first_word and lo < len(text.split(" ", 1)[0])):
        return None
    cut = text[:lo]
    words = cut.rsplit(" ", 1)[0].rstrip(" ·→,;:-") if " " in cut.strip() else cut
    if len(words) >= max(min_chars, 0.6 * lo):
        cut = words
    return cut.rstrip(" ·→×,;:-") + "…"


def label_right(ax, points, obstacles=(), stops=(), fontsize: float = 7.5, color: str = NEUTRAL["text"],
                gap: float = 3.0) -> tuple[list, int, int]:
    """Write each ``(x, y, text, marker_box, may_wrap)`` label just right of its marker, vertically centred,
    never over another marker, another label or a ``stops`` line (display x), nor past the axes' right
    edge. A label too long for its room goes on two lines when ``may_wrap`` and the band is free, else is
    shortened with an ellipsis, or left out when almost nothing fits.

    Returns ``(texts, shortened, left_out)``. ``obstacles`` are display-space boxes (markers)."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    probe = ax.text(0, 0, "Ag", fontsize=fontsize, transform=None)
    line = probe.get_window_extent(renderer).height * 1.05

    def measure(s: str) -> float:
        probe.set_text(s)
        return probe.get_window_extent(renderer).width

    placed, texts, shortened, left_out = [], [], 0, 0
    px_gap = gap * ax.figure.dpi / 72

    def room(own, py, lines):
        """Display x where a label of ``lines`` lines starting right of ``own`` must end."""
        start = own.x1 + px_gap
        y0, y1 = py - lines * line / 2, py + lines * line / 2
        right = frame.x1 - 2
        for b in [*obstacles, *placed]:
            if b is own or b.y1 <= y0 or b.y0 >= y1 or b.x1 <= start:
                continue                                   # not in this band, or behind the label's start
            right = min(right, b.x0 - px_gap) if b.x0 >= start else start   # ahead of it, or in the way
        for sx in stops:
            if sx > own.x1:
                right = min(right, sx - px_gap)
        return right - start

    for x, y, text, own, may_wrap in points:
        text = str(text)
        _, py = ax.transData.transform((x, y))
        width = room(own, py, 1)
        fitted = shorten_to_width(text, width, measure, whole_first_word=True) if width > 0 else None
        if fitted != text and may_wrap and " " in text:
            two = _wrap_two(text, room(own, py, 2), measure)
            if two and len(two.replace("\n", " ").rstrip("…")) > len((fitted or "").rstrip("…")):
                fitted = two
        if fitted is None:
            left_out += 1
            continue
        shortened += fitted.endswith("…")
        dx = (own.x1 + px_gap - ax.transData.transform((x, y))[0]) * 72 / ax.figure.dpi
        t = ax.annotate(fitted, (x, y), xytext=(dx, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=fontsize, color=color, annotation_clip=False, linespacing=1.0)
        t.set_in_layout(False)
        placed.append(t.get_window_extent(renderer))
        texts.append(t)
    probe.remove()
    return texts, shortened, left_out


def label_width(text: str, measure, may_wrap: bool = False) -> float:
    """The width a label needs: on one line, or (``may_wrap``) on the best two lines ``label_right`` can make."""
    best = measure(text)
    words = text.split(" ")
    if may_wrap:
        for i in range(1, len(words)):
            if words[i - 1] in ("·", "→", "×") or words[i] in ("→", "×"):
                continue
            rest = words[i + 1:] if words[i] == "·" else words[i:]
            if rest:
                best = min(best, max(measure(" ".join(words[:i])), measure(" ".join(rest))))
    return best


def _wrap_two(text: str, width: float, measure) -> str | None:
    """``text`` on two lines no wider than ``width``, split between words (the second line shortened with
    an ellipsis if it must be), or ``None``."""
    if width <= 0:
        return None
    words = text.split(" ")
    best = None
    for i in range(len(words) - 1, 0, -1):              # the longest first line that fits
        head = " ".join(words[:i])
        if words[i - 1] in ("·", "→", "×") or words[i] in ("→", "×") or measure(head) > width:
            continue                                     # never end a line on a separator, nor "4 | ×"
        rest = words[i + 1:] if words[i] == "·" else words[i:]   # a line break replaces a "·"
        tail = shorten_to_width(" ".join(rest), width, measure, min_chars=6) if rest else None
        if tail and tail.rstrip("…").rstrip(" ×·→") == tail.rstrip("…"):
            best = f"{head}\n{tail}"
        break
    return best


# Where a label may sit around its point, in order of preference: (dx, dy) in marker radii, alignment.
LABEL_DIRECTIONS = [(0.8, 0.5, "left", "bottom"), (0.8, -0.5, "left", "top"), (-0.8, 0.5, "right", "bottom"),
                    (-0.8, -0.5, "right", "top"), (0, 1, "center", "bottom"), (0, -1, "center", "top"),
                    (1.2, 0, "left", "center"), (-1.2, 0, "right", "center")]


def _box_distance(box, px: float, py: float) -> float:
    """How far a point lies from a box (0 inside it), in display units."""
    return float(np.hypot(max(box.x0 - px, 0, px - box.x1), max(box.y0 - py, 0, py - box.y1)))


def place_labels(ax, points, fontsize: float = 8.0, color: str = NEUTRAL["text"], avoid=(), drop: bool = False,
                 sizes=None, limit: int | None = None):
    """Write ``(x, y, text)`` labels next to their points without overlapping each other, the ``avoid``
    boxes (in display units), the points' own markers (of area ``sizes``, points², when given) or the frame.

    A text may be a list of forms, longest first (``["Kyiv (6 districts)", "Kyiv"]``): a shorter form is
    tried only where no longer one fits. Greedy, in the order given (put the most important first): each
    label tries eight positions around
    its point and takes the first whose box stays inside the axes, clear of labels already placed and of
    ``avoid``, and preferably nearer its own point than any other (so it is not read as another's). A
    label that fits nowhere goes to the least crowded position, or with ``drop=True`` is left out.
    Only the first ``limit`` points are labelled (all of them are still kept clear of): past a few dozen
    a map has no room left, and each try costs a text layout.
    Returns the labels written.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = list(avoid)
    anchors = [tuple(ax.transData.transform((x, y))) for x, y, _ in points]
    sizes = list(sizes) if sizes is not None else [16.0] * len(points)
    dots = [marker_boxes(ax, [x], [y], s)[0] for (x, y, _), s in zip(points, sizes)]

    texts = []
    for i, (x, y, text) in enumerate(points):
        if limit is not None and i >= limit:
            break
        best = None
        others = [d for j, d in enumerate(dots) if j != i]
        reach = sizes[i] ** 0.5 / 2 + 3                    # points from the centre: clear of its own marker
        forms = [text] if isinstance(text, str) else list(dict.fromkeys(text))   # full label, then shorter ones
        for text, (ux, uy, ha, va) in ((f, d) for f in forms for d in LABEL_DIRECTIONS):
            if best is not None and best[0] < 10 and text != best[1].get_text():
                break                                       # a longer form already fits somewhere
            t = ax.annotate(text, (x, y), xytext=(ux * reach, uy * reach), textcoords="offset points", ha=ha, va=va,
                            fontsize=fontsize, color=color, annotation_clip=False)
            box = t.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            clashes = sum(box.overlaps(p) for p in placed) + sum(box.overlaps(d) for d in others)
            own = _box_distance(box, *anchors[i])
            misleading = any(_box_distance(box, *a) < own + 8 for j, a in enumerate(anchors) if j != i)
            score = 10 * clashes + (0 if inside else 10) + (1 if misleading else 0)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, t, box)
            else:
                t.remove()
            if score == 0:
                break
        if drop and best[0] >= 10:
            best[1].remove()
            continue
        best[1].set_in_layout(False)
        placed.append(best[2])
        texts.append(best[1])
    return texts
