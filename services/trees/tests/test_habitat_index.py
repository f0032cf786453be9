"""The habitat check's indexed candidate search returns exactly what an unfiltered bounding-box test returns —
for small zones, wide zones (over the narrow-band limit) and sites of every size — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlmodel import Session

from hunan_trees.app import create_app
from hunan_trees.models import HabitatZone, Tree
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases import habitat_index
from hunan_trees.use_cases.trees import ACTIVE

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def overlaps(zone: HabitatZone, box: tuple[float, float, float, float]) -> bool:
    lon_min, lat_min, lon_max, lat_max = box
    return zone.min_lon <= lon_max and zone.max_lon >= lon_min and zone.min_lat <= lat_max and zone.max_lat >= lat_min


@pytest.fixture
def engine(app_client):
    return app_client(create_app, TreesSettings).app.state.platform.engine


@pytest.mark.parametrize("chunk", [10_000, 7], ids=["one-statement", "chunked"])
def test_indexed_candidates_equal_the_unfiltered_answer(engine, monkeypatch, chunk):
    # Chunked: trees are fetched a few ids per statement, as for a footprint meeting more zones than one
    # statement can bind (PostgreSQL: 65 535 parameters); the answer and its order must not change.
    monkeypatch.setattr(habitat_index, "IN_LIST_CHUNK", chunk)
    rng = random.Random(14)
    with Session(engine) as session:
        for i in range(400):
            lon, lat = rng.uniform(112.80, 112.90), rng.uniform(28.10, 28.20)
            half = rng.choice([0.0001, 0.0002, 0.002, 0.0049, 0.006, 0.02])  # last two: wide zones
            status = ACTIVE if i % 10 else "FELLED"
            session.add(
                Tree(
                    id=f"t{i:04d}",
                    species="樟树",
                    age_years=200,
                    is_famous=False,
                    in_urban_planning_area=False,
                    division_code="430104",
                    latitude=lat,
                    longitude=lon,
                    custodian_category="ORG_PREMISES",
                    status=status,
                    created_at=NOW,
                )
            )
            session.flush()
            session.add(
                HabitatZone(
                    tree_id=f"t{i:04d}",
                    margin_m=5,
                    geometry_wkt=f"POINT ({lon} {lat})",
                    min_lon=lon - half,
                    max_lon=lon + half,
                    min_lat=lat - half / 2,
                    max_lat=lat + half / 2,
                    delineated_at=NOW,
                )
            )
        session.commit()
        everything = habitat_index.brute_force(session, ACTIVE)
        assert len(everything) == 360
        hits = 0
        for _ in range(60):
            lon, lat = rng.uniform(112.79, 112.91), rng.uniform(28.09, 28.21)
            size = rng.choice([0.0001, 0.001, 0.01, 0.05])
            box = (lon, lat, lon + size, lat + size)
            expected = [t.id for z, t in everything if overlaps(z, box)]
            got = [t.id for _, t in habitat_index.candidates(session, box, ACTIVE)]
            assert got == expected, box
            hits += len(got)
        assert hits > 50  # the sites do meet zones, so equality is not trivially [] == []
