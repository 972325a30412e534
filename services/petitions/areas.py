"""Names and tables of the areas a petition is counted in: UK regions and other countries."""

from dataclasses import dataclass

from rules.petitions.countries import country_name
from rules.petitions.postcodes import REGIONS, region_by_code
from rules.petitions.sharding import area_key, parse_area_key


@dataclass(frozen=True)
class AreaCount:
    code: str
    name: str
    count: int


def area_name(key: str) -> str:
    """The readable name of an area key ("region:E12000007" -> "London")."""
    try:
        kind, code = parse_area_key(key)
    except ValueError:
        return key
    return region_by_code(code).name if kind == "region" else country_name(code)


def by_region(areas: dict[str, int]) -> list[AreaCount]:
    """Every UK region, in ONS order, with its count (zero included)."""
    return [AreaCount(r.code, r.name, areas.get(area_key(r.code), 0)) for r in REGIONS]


def by_nation(areas: dict[str, int]) -> list[AreaCount]:
    """The four nations with their counts, summed from their regions."""
    totals: dict[str, AreaCount] = {}
    for region in REGIONS:
        nation = region.nation
        previous = totals.get(nation.code, AreaCount(nation.code, nation.name, 0))
        totals[nation.code] = AreaCount(nation.code, nation.name,
                                        previous.count + areas.get(area_key(region.code), 0))
    return list(totals.values())


def by_country(areas: dict[str, int]) -> list[AreaCount]:
    """Countries outside the UK with at least one signature, most signatures first."""
    rows = []
    for key, count in areas.items():
        try:
            kind, code = parse_area_key(key)
        except ValueError:
            continue
        if kind == "country" and count:
            rows.append(AreaCount(code, country_name(code), count))
    return sorted(rows, key=lambda row: (-row.count, row.name))
