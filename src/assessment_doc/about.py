"""What the document says about itself beyond the settings' own words: the months its data cover,
and how to reach the partnership as model runs (for the open data tables' cover sheet).
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from .data.datasets import Datasets
from .model import Run, Runs
from .narrative.inline import InlineReader, merge_runs
from .narrative.markdown import markdown_parser
from .periods import Period, PeriodKind
from .settings import SETTINGS_FILE


def data_span(datasets: Datasets) -> str:
    """The months the datasets cover, from the first month of the earliest period to the last
    of the latest, in words: 'July 2011 - December 2015'; '' when there are no rows."""
    periods = {Period.parse(str(text)) for frame in datasets.frames.values()
               for text in frame["period"].unique()}
    if not periods:
        return ""
    start = min(period.start for period in periods)
    end = max(period.end for period in periods)
    kind = PeriodKind.MONTH if start == end else PeriodKind.INTERVAL
    return Period(start, end, kind).label


def contact_runs(markdown: str) -> Runs:
    """The settings' contact (one Markdown paragraph) as runs, its links kept. A link the
    document may not hold (not a web or e-mail address) keeps only its words: the content file
    that prints the contact reports it at its line."""
    if not markdown.strip():
        return ()
    reader = InlineReader(SETTINGS_FILE, 1, [])
    paragraphs = [reader.runs(node) for node in SyntaxTreeNode(markdown_parser().parse(markdown))
                  .walk() if node.type == "inline"]
    joined: list[Run] = []
    for runs in paragraphs:
        if joined:
            joined.append(Run(" "))
        joined.extend(runs)
    return merge_runs(joined)
