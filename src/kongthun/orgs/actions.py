from __future__ import annotations

from datetime import date

from django.db import transaction

from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError, choice
from kongthun.ledger.actions import accounts_seed
from kongthun.orgs import domain
from kongthun.orgs.models import Organization, RegistrationStep
from kongthun.places.models import Province, Tambon


def organization_locked(organization: Organization, kinds, message_th: str, message_en: str) -> Organization:
    """The organization's row, locked (one writer of its books at a time); refused with the caller's message
    unless its kind is one of `kinds` (e.g. only a welfare fund keeps disaster events)."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.kind not in kinds:
        raise DomainError("invalid.org_kind", message_th, message_en, "organization")
    return org


def _require_admin(actor: Actor) -> None:
    if not actor.scope.is_admin:
        raise DomainError(
            "forbidden.admin_only",
            "เฉพาะผู้ดูแลระบบเท่านั้นที่สร้างองค์กรได้",
            "Only a system administrator may create organizations",
        )


def _snapshot(org: Organization) -> dict:
    return {
        "code": org.code, "name_th": org.name_th, "kind": org.kind, "tambon": org.tambon_id,
        "province": org.province_id, "parent": org.parent_id, "registration": org.registration,
        "founded_on": org.founded_on.isoformat() if org.founded_on else None, "year_kind": org.year_kind,
        "year_start": [org.year_start_month, org.year_start_day],
    }


@transaction.atomic
def organization_create(
    *,
    code: str,
    name_th: str,
    kind: str,
    actor: Actor,
    tambon_code: str | None = None,
    province_code: str | None = None,
    name_en: str = "",
    village: str = "",
    parent: Organization | None = None,
    founded_on: date | None = None,
    year_kind: str = domain.YearKind.FISCAL,
    year_start_month: int = 10,
    year_start_day: int = 1,
) -> Organization:
    """Register an organization at a place, with its chart of accounts."""
    _require_admin(actor)
    kind = choice(domain.OrgKind, kind, where="kind").value
    year = domain.accounting_year(year_kind, year_start_month, year_start_day)
    tambon = None
    if tambon_code:
        tambon = Tambon.objects.filter(code=tambon_code).first()
        if tambon is None:
            raise DomainError("invalid.tambon", f"ไม่พบตำบลรหัส {tambon_code}", f"No tambon {tambon_code}", "tambon")
        province_code = tambon.province_id
    if not province_code or not Province.objects.filter(code=province_code).exists():
        raise DomainError(
            "invalid.province", f"ไม่พบจังหวัดรหัส {province_code}", f"No province {province_code}", "province"
        )
    if Organization.objects.filter(code=code).exists():
        raise DomainError("conflict.org_code", f"รหัสองค์กร {code} ถูกใช้แล้ว", f"Code {code} is taken", "code")
    org = Organization.objects.create(
        code=code, name_th=name_th, name_en=name_en, kind=kind, tambon=tambon, province_id=province_code,
        village=village, parent=parent, founded_on=founded_on, year_kind=year_kind,
        year_start_month=year.start_month, year_start_day=year.start_day,
    )
    accounts_seed(organization=org)
    audit_record(
        actor=actor, action="organization_create", obj_type="organization", obj_id=org.pk,
        organization_id=org.pk, before=None, after=_snapshot(org),
    )
    return org


@transaction.atomic
def organization_registration_step(
    *, organization: Organization, status: str, on: date, actor: Actor, document: str = ""
) -> Organization:
    """Move registration/certification one step (จดแจ้ง, รับรอง ...), keeping the history."""
    _require_admin(actor)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    domain.check_registration_step(org.registration, status)
    before = _snapshot(org)
    org.registration = status
    org.save(update_fields=["registration"])
    RegistrationStep.objects.create(organization=org, status=status, on=on, document=document)
    audit_record(
        actor=actor, action="organization_registration_step", obj_type="organization", obj_id=org.pk,
        organization_id=org.pk, before=before, after=_snapshot(org), why=document,
    )
    return org
