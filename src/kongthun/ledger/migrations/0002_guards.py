"""The database's own walls around the books, a second line behind the actions.

PostgreSQL: a deferred constraint trigger refuses any entry whose lines do not sum
to zero at commit, and posted lines and entries cannot be updated or deleted.
SQLite: posted lines and entries cannot be updated. (Deletion is left to `kongthun
check`, which compares every entry with its audit record, because Django's test
flush deletes rows on SQLite.)
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION kongthun_check_entry_balanced() RETURNS trigger AS $$
DECLARE total bigint;
BEGIN
  SELECT COALESCE(SUM(amount), 0) INTO total FROM ledger_journalline WHERE entry_id = NEW.entry_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'kongthun: journal entry % is unbalanced by % satang (รายการไม่สมดุล)', NEW.entry_id, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_line_balanced
  AFTER INSERT ON ledger_journalline DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION kongthun_check_entry_balanced();

CREATE OR REPLACE FUNCTION kongthun_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'kongthun: % rows are append-only; post a reversing entry instead (แก้ไขหรือลบไม่ได้)',
    TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_line_immutable BEFORE UPDATE OR DELETE ON ledger_journalline
  FOR EACH ROW EXECUTE FUNCTION kongthun_refuse_change();
CREATE TRIGGER ledger_entry_immutable BEFORE UPDATE OR DELETE ON ledger_journalentry
  FOR EACH ROW EXECUTE FUNCTION kongthun_refuse_change();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS ledger_entry_immutable ON ledger_journalentry;
DROP TRIGGER IF EXISTS ledger_line_immutable ON ledger_journalline;
DROP TRIGGER IF EXISTS ledger_line_balanced ON ledger_journalline;
DROP FUNCTION IF EXISTS kongthun_check_entry_balanced();
DROP FUNCTION IF EXISTS kongthun_refuse_change();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER ledger_line_immutable BEFORE UPDATE ON ledger_journalline
       BEGIN SELECT RAISE(ABORT, 'kongthun: journal lines are append-only; post a reversing entry'); END""",
    """CREATE TRIGGER ledger_entry_immutable BEFORE UPDATE ON ledger_journalentry
       BEGIN SELECT RAISE(ABORT, 'kongthun: journal entries are append-only; post a reversing entry'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS ledger_line_immutable", "DROP TRIGGER IF EXISTS ledger_entry_immutable"]


def forward(apps, schema_editor):
    statements = [PG_FORWARD] if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for sql in statements:
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    statements = [PG_BACKWARD] if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
