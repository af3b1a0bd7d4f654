from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from kongthun.access.domain import AREA_ROLES, ORG_ROLES, Role
from kongthun.access.models import RoleGrant
from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError


@transaction.atomic
def user_create(*, username: str, password: str, actor: Actor, full_name: str = "", is_superuser: bool = False):
    if not actor.scope.is_admin:
        raise DomainError("forbidden.admin_only", "เฉพาะผู้ดูแลระบบเท่านั้น", "System administrators only")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise DomainError("conflict.username", f"ชื่อผู้ใช้ {username} ถูกใช้แล้ว", f"Username {username} is taken",
                          "username")
    user = User.objects.create_user(username=username, password=password, first_name=full_name[:150],
                                    is_superuser=is_superuser, is_staff=is_superuser)
    audit_record(actor=actor, action="user_create", obj_type="user", obj_id=user.pk, organization_id=None,
                 before=None, after={"username": username, "superuser": is_superuser})
    return user


@transaction.atomic
def role_grant(*, user, role: str, actor: Actor, organization=None, area_level: str = "", area_code: str = "",
               person=None) -> RoleGrant:
    """Give a user a role in one organization, or over a network area."""
    if not actor.scope.is_admin:
        raise DomainError("forbidden.admin_only", "เฉพาะผู้ดูแลระบบเท่านั้น", "System administrators only")
    role = Role(role)
    if role in ORG_ROLES and organization is None:
        raise DomainError("invalid.grant_org", "บทบาทนี้ต้องระบุองค์กร", "This role needs an organization",
                          "organization")
    if role in AREA_ROLES and not area_level:
        raise DomainError("invalid.grant_area", "บทบาทนี้ต้องระบุพื้นที่", "This role needs an area", "area")
    if role is Role.MEMBER and person is None:
        raise DomainError("invalid.grant_person", "บทบาทสมาชิกต้องระบุบุคคล", "A member role names the person",
                          "person")
    grant = RoleGrant.objects.create(user=user, role=role, organization=organization, area_level=area_level,
                                     area_code=area_code, person=person)
    audit_record(actor=actor, action="role_grant", obj_type="role_grant", obj_id=grant.pk,
                 organization_id=organization.pk if organization else None, before=None,
                 after={"user": user.username, "role": role, "area": [area_level, area_code]})
    return grant
