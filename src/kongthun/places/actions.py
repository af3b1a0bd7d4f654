"""Load provinces, districts and tambons from geothai, and CODI regions from config."""

from __future__ import annotations

from pathlib import Path

import geothai
from django.conf import settings
from django.db import transaction

from kongthun.audit.actions import Actor, audit_record
from kongthun.places.domain import DEFAULT_REGIONS_FILE, load_regions
from kongthun.places.models import District, Province, Region, Tambon


@transaction.atomic
def places_load(*, actor: Actor, regions_file: Path | None = None, progress=None) -> dict[str, int]:
    """Insert or refresh every official place (idempotent), then group provinces into regions."""
    provinces = geothai.provinces()
    regions_path = Path(regions_file or settings.KONGTHUN_REGIONS_FILE or DEFAULT_REGIONS_FILE)
    regions = load_regions(regions_path, known_provinces={p.code for p in provinces})
    region_of = {code: r.code for r in regions for code in r.provinces}
    for r in regions:
        Region.objects.update_or_create(code=r.code, defaults={"name_th": r.name_th, "name_en": r.name_en})
    existing = {
        "p": set(Province.objects.values_list("code", flat=True)),
        "d": set(District.objects.values_list("code", flat=True)),
        "t": set(Tambon.objects.values_list("code", flat=True)),
    }
    new_p, new_d, new_t = [], [], []
    for p in provinces:
        if p.code not in existing["p"]:
            new_p.append(Province(code=p.code, name_th=p.name_th, name_en=p.name_en, region_id=region_of[p.code]))
        for d in geothai.districts(p.code):
            if d.code not in existing["d"]:
                new_d.append(District(code=d.code, name_th=d.name_th, name_en=d.name_en, province_id=p.code))
            for t in geothai.subdistricts(d.code):
                if t.code not in existing["t"]:
                    new_t.append(Tambon(code=t.code, name_th=t.name_th, name_en=t.name_en, district_id=d.code,
                                        province_id=p.code, postal_code=(t.postal_codes or ("",))[0]))
        if progress:
            progress()
    Province.objects.bulk_create(new_p)
    District.objects.bulk_create(new_d, batch_size=500)
    Tambon.objects.bulk_create(new_t, batch_size=500)
    for code, region in region_of.items():
        Province.objects.filter(code=code).exclude(region_id=region).update(region_id=region)
    counts = {"regions": len(regions), "provinces": Province.objects.count(), "districts": District.objects.count(),
              "tambons": Tambon.objects.count()}
    audit_record(actor=actor, action="places_load", obj_type="places", obj_id="geothai", organization_id=None,
                 before=None, after={**counts, "geothai": geothai.DATA_VERSION, "regions_file": regions_path.name})
    return counts
