"""Writing a chart as PNG bytes that depend only on its content.

The figure is drawn with the Agg canvas and no pyplot, under matplotlib's default style plus
ours (so a user's matplotlibrc changes nothing), at 200 dpi, and written by Pillow with no text
chunks (no 'Software', no time): the same data gives the same bytes (for the same matplotlib,
FreeType, Pillow and zlib versions).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
import matplotlib.style
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PIL import Image

from .look import DEFAULT_FONT
from .palette import BLACK

DPI = 200
"""Resolution of every chart (stored in the PNG's pHYs chunk)."""
FONT = DEFAULT_FONT
"""The charts' own font: shipped with matplotlib, so every machine draws the same glyphs. A
house style's font replaces it where matplotlib finds it (:mod:`.look`)."""
TEXT_SIZE = 9.5
"""Points: every word of a chart (names, values, axis, legend). Both formats print a chart
6.3 inches wide across the 166 mm text width (x1.04), so this reads as about 10 pt beside the
11 pt body text, and never below 9 pt (a chart printed across a share of the text width is
drawn that much narrower); the ranked rows (0.27 inch) and legend rows are sized for it."""
ELLIPSIS = "\u2026"

STYLE: dict[str, Any] = {
    "font.family": FONT,
    "font.size": TEXT_SIZE,
    "axes.edgecolor": BLACK,
    "axes.labelcolor": BLACK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.color": BLACK,
    "xtick.color": BLACK,
    "ytick.color": BLACK,
    "hatch.linewidth": 0.8,
    "legend.frameon": False,
    "svg.hashsalt": "assessment_doc",
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
}


@contextmanager
def chart_style(font: str = FONT) -> Iterator[None]:
    """Matplotlib's defaults with the house chart style, in ``font``, restored afterwards.
    Matplotlib's warnings of glyphs missing from the font are not let through to the terminal:
    the build warns once, naming the characters, from the chart's words (see :mod:`.glyphs`)."""
    with matplotlib.style.context("default"), \
            matplotlib.rc_context({**STYLE, "font.family": font}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        warnings.filterwarnings("ignore", message=r".*missing from (current )?font")
        yield


def plain(text: str) -> str:
    """``text`` drawn as it is: a dollar sign would otherwise start matplotlib's mathtext (and
    an unmatched one stop the drawing)."""
    return text.replace("$", r"\$")


def fitted(figure: Figure, text: str, room: float, bold: bool = False,
           italic: bool = False) -> str:
    """``text``, or as much of it as fits ``room`` inches followed by an ellipsis."""
    if text_width(figure, text, TEXT_SIZE, bold, italic) <= room:
        return text
    if room <= 0:
        return ELLIPSIS
    low, high = 0, len(text)  # the longest start that fits, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(figure, text[:middle].rstrip() + ELLIPSIS, TEXT_SIZE, bold, italic) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def new_figure(width: float, height: float) -> Figure:
    """A figure (inches) on an Agg canvas, outside pyplot.

    Margins are set by :func:`set_margins` from measured text, not by constrained layout,
    which would lay every text out twice more and triple the drawing time.
    """
    figure = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def text_width(figure: Figure, text: str, size: float, bold: bool = False,
               italic: bool = False) -> float:
    """The width in inches of ``text`` (one line) in the chart font at ``size`` points (the
    font :func:`chart_style` chose, under which every chart is drawn)."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(family=matplotlib.rcParams["font.family"], size=size,
                          weight="bold" if bold else "normal",
                          style="italic" if italic else "normal")
    width, _height, _descent = renderer.get_text_width_height_descent(text, font, ismath=False)
    return width / figure.dpi


def set_margins(figure: Figure, *, left: float, bottom: float, right: float = 0.15,
                top: float = 0.1) -> None:
    """Place the single axes of ``figure`` with margins given in inches."""
    width, height = figure.get_size_inches()
    figure.subplots_adjust(left=left / width, right=1 - right / width,
                           bottom=bottom / height, top=1 - top / height)


def draw(make: Callable[[], Figure], font: str = FONT) -> Figure:
    """The figure ``make`` draws, drawn under :func:`chart_style` in ``font``."""
    with chart_style(font):
        return make()


_COMPRESS_LEVEL = 3
"""zlib's level for the PNG (which the PDF also takes as it is). Measured on the six charts the
bundled Appendix then had: level 6 took twice the time of 3 for files 6% smaller (525 KB against
560 KB)."""


def png_bytes(figure: Figure, font: str = FONT) -> bytes:
    """The figure as an RGB PNG at :data:`DPI` (in its pHYs chunk), with no text chunks.

    Drawn with Agg and written by Pillow directly rather than through ``savefig``: the chart's
    background is opaque white, so the alpha channel carries nothing, and leaving it out halves
    the time spent compressing and makes the file smaller. No 'Software' or time is written.
    """
    with chart_style(font):
        figure.canvas.draw()
    rgba = np.asarray(figure.canvas.buffer_rgba())  # type: ignore[attr-defined]
    image = Image.fromarray(np.ascontiguousarray(rgba[..., :3]), mode="RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="png", dpi=(DPI, DPI), compress_level=_COMPRESS_LEVEL)
    return buffer.getvalue()
