"""Places (พื้นที่): CODI's regions as a configurable grouping of provinces."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kongthun.errors import DomainError

DEFAULT_REGIONS_FILE = Path(__file__).with_name("codi_regions.json")


@dataclass(frozen=True)
class RegionDef:
    code: str
    name_th: str
    name_en: str
    provinces: tuple[str, ...]  # 2-digit province codes


def load_regions(path: Path = DEFAULT_REGIONS_FILE, *, known_provinces: set[str] | None = None) -> list[RegionDef]:
    """Read a regions file; each province must be in exactly one region."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    regions = [RegionDef(r["code"], r["name_th"], r["name_en"], tuple(r["provinces"])) for r in data["regions"]]
    seen: dict[str, str] = {}
    for region in regions:
        for code in region.provinces:
            if code in seen:
                raise DomainError(
                    "invalid.region_overlap",
                    f"จังหวัดรหัส {code} อยู่ในทั้งภาค {seen[code]} และ {region.code}",
                    f"Province {code} is in both region {seen[code]} and {region.code}",
                    str(path),
                )
            if known_provinces is not None and code not in known_provinces:
                raise DomainError(
                    "invalid.region_province",
                    f"ไม่มีจังหวัดรหัส {code}",
                    f"No province with code {code}",
                    str(path),
                )
            seen[code] = region.code
    if known_provinces is not None and set(seen) != known_provinces:
        missing = sorted(known_provinces - set(seen))
        raise DomainError(
            "invalid.region_missing",
            f"จังหวัดที่ไม่อยู่ในภาคใด: {', '.join(missing)}",
            f"Provinces in no region: {', '.join(missing)}",
            str(path),
        )
    return regions
