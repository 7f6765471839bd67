"""The quality report as the portal charts it: labels for histogram bins, dates for time columns."""

from __future__ import annotations

import datetime as dt

from tdm_agents.synthetic.quality import quality_for_portal
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema


def _microseconds(day: dt.date) -> float:
    return (dt.datetime(day.year, day.month, day.day) - dt.datetime(1970, 1, 1)) / dt.timedelta(
        microseconds=1
    )


def test_time_histograms_are_labelled_with_the_dates_their_bins_start():
    schema = NormalizedSchema(
        entities=[Entity(name="event", attributes=[Attribute(name="day", type="date")])]
    )
    edges = [
        _microseconds(dt.date(2024, 1, 1)),
        _microseconds(dt.date(2024, 3, 1)),
        _microseconds(dt.date(2024, 5, 1)),
    ]
    quality = {
        "columns": [
            {"table": "event", "column": "day", "kind": "numeric", "bins": edges, "real": [0.5, 0.5],
             "synthetic": [0.6, 0.4]},
        ],
        "overall_score": None,
    }  # fmt: skip
    (comparison,) = quality_for_portal(quality, schema)["column_comparisons"]
    assert comparison["labels"] == ["2024-01-01", "2024-03-01"]
    assert comparison["kind"] == "numeric" and comparison["synthetic"] == [0.6, 0.4]
