"""Who acts for a `kongthun` command that reads or writes an organization's books: `--org CODE --as USER`."""

from __future__ import annotations

from kongthun.errors import DomainError


def org_and_actor(code: str, username: str | None):
    """The organization by code, and who acts: a named user (their roles decide), else the system."""
    from django.contrib.auth import get_user_model

    from kongthun.audit.actions import Actor
    from kongthun.orgs.models import Organization

    org = Organization.objects.select_related("tambon__district", "province").filter(code=code).first()
    if org is None:
        raise DomainError("not_found.organization", f"ไม่พบองค์กรรหัส {code}", f"No organization with code {code}",
                          "--org")
    if username is None:
        return org, Actor.system("cli")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DomainError("not_found.user", f"ไม่พบผู้ใช้ {username}", f"No user {username}", "--as")
    return org, Actor.for_user(user, source="cli")
