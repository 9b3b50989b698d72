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

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<figure class="nf-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}"/>'
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


def place_labels(ax, points, fontsize: float = 8.0, color: str = NEUTRAL["text"], avoid=()):
    """Write ``(x, y, text)`` labels next to their points without overlapping each other or the frame.

    Greedy: each label tries eight positions around its point and takes the first whose box stays
    inside the axes and clear of labels already placed (and of ``avoid`` boxes, in display units).
    A label that fits nowhere goes to the least crowded position.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = list(avoid)
    offsets = [(5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"), (-5, -3, "right", "top"),
               (0, 6, "center", "bottom"), (0, -6, "center", "top"), (9, 0, "left", "center"), (-9, 0, "right", "center")]
    texts = []
    for x, y, text in points:
        best = None
        for dx, dy, ha, va in offsets:
            t = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                            fontsize=fontsize, color=color, annotation_clip=False)
            box = t.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            clashes = sum(box.overlaps(p) for p in placed)
            score = clashes + (0 if inside else 10)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, t, box)
            else:
                t.remove()
            if score == 0:
                break
        placed.append(best[2])
        texts.append(best[1])
    return texts
