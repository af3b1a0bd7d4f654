"""Organizations and their members (องค์กร, สมาชิก), read in the token user's scope: another
organization's ids are 'not found'. National IDs and phones are only ever shown masked."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from kongthun.access.domain import Permission
from kongthun.errors import choice
from kongthun.interfaces.api.core import Id, Pages, scope
from kongthun.orgs.selectors import organization_get, organization_list
from kongthun.people.models import MembershipStatus
from kongthun.people.selectors import membership_get, membership_list

router = Router(tags=["organizations"])
PAGE = 50


class OrganizationOut(Schema):
    id: int
    code: str
    name_th: str
    name_en: str
    kind: str
    province: str
    tambon: str | None

    @staticmethod
    def of(o) -> dict:
        return {"id": o.pk, "code": o.code, "name_th": o.name_th, "name_en": o.name_en, "kind": o.kind,
                "province": o.province.name_th, "tambon": o.tambon.name_th if o.tambon else None}


class MemberOut(Schema):
    id: int
    member_no: str
    name_th: str
    name_en: str
    national_id_masked: str
    phone_masked: str
    joined_on: date
    status: str
    status_on: date

    @staticmethod
    def of(m) -> dict:
        p = m.person
        return {"id": m.pk, "member_no": m.member_no, "name_th": p.full_name_th,
                "name_en": f"{p.first_name_en} {p.last_name_en}".strip(), "national_id_masked": p.masked_id,
                "phone_masked": p.masked_phone, "joined_on": m.joined_on, "status": m.status,
                "status_on": m.status_on}


@router.get("/organizations", response=list[OrganizationOut], summary="Organizations I may see / องค์กร")
@paginate(Pages, page_size=PAGE)
def organizations(request):
    return [OrganizationOut.of(o) for o in organization_list(scope=scope(request))]


@router.get("/organizations/{org_id}", response=OrganizationOut, summary="One organization / องค์กร")
def organization(request, org_id: Id):
    return OrganizationOut.of(organization_get(scope=scope(request), organization_id=org_id,
                                               perm=Permission.VIEW_AGGREGATES))


@router.get("/organizations/{org_id}/members", response=list[MemberOut], tags=["members"],
            summary="Members, searched and filtered / สมาชิก")
@paginate(Pages, page_size=PAGE)
def members(request, org_id: Id, q: str = "", status: str | None = None):
    s = scope(request)
    organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    rows = membership_list(scope=s, organization_id=org_id, q=q)
    if status:
        rows = rows.filter(status=choice(MembershipStatus, status, where="status").value)
    return _Mapped(rows, MemberOut.of)


@router.get("/organizations/{org_id}/members/{membership_id}", response=MemberOut, tags=["members"],
            summary="One member / สมาชิก")
def member(request, org_id: Id, membership_id: Id):
    return MemberOut.of(membership_get(scope=scope(request), organization_id=org_id, membership_id=membership_id))


class _Mapped:
    """A queryset the paginator slices and counts in SQL, each row rendered as it is read."""

    def __init__(self, qs, render):
        self.qs, self.render = qs, render

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [self.render(r) for r in self.qs[item]]
