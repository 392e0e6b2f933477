"""Analyst sample 2: add a chart of your own to section 2.2 and build the Word and PDF files.

Run from anywhere:  python samples/custom_figure.py [OUT]   (default OUT: ./custom-out)
"""

from __future__ import annotations

import sys
from pathlib import Path

from matplotlib.figure import Figure

import assessment_doc as ad

project = ad.load_project(Path(__file__).parents[1])
out = Path(sys.argv[1] if len(sys.argv) > 1 else "custom-out")

# Crime rate change per district, from the facts (no number typed by hand).
districts = sorted({name.split(".")[1] for name in project.facts
                    if name.startswith("recorded_crime.") and name.endswith(".offences.rate_per_1000")
                    and ".focus." not in name and "kcc" not in name and "kent" not in name
                    and "medway" not in name})
rates = [project.facts[f"recorded_crime.{d}.offences.rate_per_1000"].value for d in districts]

figure = Figure(figsize=(6.5, 3.2))
axes = figure.add_subplot()
axes.barh([d.replace("_", " ").title() for d in districts], rates, color="#0072B2",
          edgecolor="black")
axes.set_xlabel("Recorded crimes per 1,000 residents")
lowest = districts[rates.index(min(rates))].replace("_", " ").title()
chart = ad.figure_from_matplotlib(
    figure,
    alt_text=f"Bar chart of recorded crime per 1,000 residents by district; {lowest} has the "
             f"lowest rate, {min(rates):.1f}.",
    caption="Recorded crime per 1,000 residents, all Kent districts (analyst's chart)",
    source="Kent Police recorded crime, supplied by the Kent Community Safety Unit",
)

document = ad.add_to_section(ad.build_document(project), "2.2", chart)
result = ad.build(project, out, document=document)
for path in result.paths:
    print("wrote", path)
