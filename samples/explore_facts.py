"""Analyst sample 1: load the bundled project and explore its data and facts with pandas.

Run from anywhere:  python samples/explore_facts.py [PROJECT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import assessment_doc as ad

project = ad.load_project(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1])
area = project.settings.area

# The validated data, tidy: one value a row.
crime = project.datasets.frame("recorded_crime")
districts = crime[(crime["area_type"] == "district") & (crime["measure"] == "offences")]
latest = districts["period"].max()
print(f"Recorded crime by district, {latest}:")
latest_rows = districts[districts["period"] == latest].sort_values("value")
print(latest_rows.assign(value=latest_rows["value"].astype("Int64"))[["area", "value"]].to_string(index=False))

# Facts: every figure the narrative and the rules can quote, by name.
facts = project.facts
rate = facts["recorded_crime.focus.offences.rate_per_1000"].value
rank = facts["recorded_crime.focus.offences.rate_rank_lowest_first"].value
print(f"\n{area}: {rate:.1f} crimes per 1,000 residents, rank {rank} of 12 (1 = lowest rate)")

rising = [(name, fact.value) for name, fact in facts.items()
          if name.endswith(".focus.offences.pct_change") and isinstance(fact.value, float) and fact.value > 0]
print(f"Datasets where {area}'s offences rose: {', '.join(n.split('.')[0] for n, _ in rising)}")

# A computed table of the document, as a DataFrame.
table = ad.table_frame(project, "recorded_crime_by_district")
print(f"\nTable 'recorded_crime_by_district': {len(table)} rows, columns {list(table.columns)}")
