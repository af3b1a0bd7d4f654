"""Audit events are append-only in the database too; the chain's head row exists from the start."""

from django.db import migrations

GENESIS = "0" * 64


def forward(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION kongthun_refuse_audit_change() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'kongthun: the audit trail is append-only (บันทึกการตรวจสอบแก้ไขไม่ได้)'
              USING ERRCODE = 'insufficient_privilege'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_auditevent
              FOR EACH ROW EXECUTE FUNCTION kongthun_refuse_audit_change();
            """,
            params=None,
        )
    else:
        schema_editor.execute(
            """CREATE TRIGGER audit_event_immutable BEFORE UPDATE ON audit_auditevent
               BEGIN SELECT RAISE(ABORT, 'kongthun: the audit trail is append-only'); END"""
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_immutable ON audit_auditevent")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_immutable")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
