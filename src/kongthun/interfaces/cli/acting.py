"""Who acts for a `kongthun` command that reads or writes an organization's books: `--org CODE --as USER`;
and a sheet's member numbers read as that organization's members (with a progress bar for long sheets)."""

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


def member_of(organization, actor, member_no: str, *, in_th: str = "", in_en: str = ""):
    """The organization's member with this number (`--member`), read in the actor's scope; refused if none.
    `in_th`/`in_en` say where it was looked for, e.g. " ในกองทุนนี้" / " in this fund"."""
    from kongthun.people.selectors import membership_list

    m = membership_list(scope=actor.scope, organization_id=organization.pk).filter(member_no=member_no).first()
    if m is None:
        raise DomainError("not_found.membership", f"ไม่พบสมาชิกเลขที่ {member_no}{in_th}",
                          f"No member {member_no}{in_en}", "--member")
    return m


LONG_SHEET = 50  # rows from which a progress bar is shown


class SheetBar:
    """A rich progress bar for long sheets; nothing for short ones. `with SheetBar(n, label) as advance:`"""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.progress = total, label, None

    def __enter__(self):
        if self.total < LONG_SHEET:
            return lambda: None
        from kongthun.interfaces.cli.main import progress

        self.progress = progress().__enter__()
        task = self.progress.add_task(self.label, total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.__exit__(*exc)


def members_of_sheet(organization, actor, rows, line, missing):
    """A sheet's rows (each with `.row` and `.member_no`) to the organization's memberships, read in the
    actor's scope: `line(row, membership)` for a known member, `missing(row)` (the row's problem) for an
    unknown number; a progress bar for long sheets. Returns (lines, problems)."""
    from kongthun.people.selectors import membership_list

    members = {m.member_no: m for m in membership_list(scope=actor.scope, organization_id=organization.pk)
               .filter(member_no__in=[r.member_no for r in rows])}
    lines, problems = [], []
    with SheetBar(len(rows), "ตรวจรายการ / checking rows") as advance:
        for r in rows:
            m = members.get(r.member_no)
            if m is None:
                problems.append(missing(r))
            else:
                lines.append(line(r, m))
            advance()
    return lines, problems
