"""Business dates of a claim (วันที่ยื่นคำขอ, วันที่พิจารณา), beside the recorded times: existing claims
take the Bangkok date of their recorded time, but never after the claim was paid (a back-dated payment
was approved by then) and a decision never before the submission."""

from zoneinfo import ZoneInfo

from django.db import migrations, models

BANGKOK = ZoneInfo("Asia/Bangkok")


def backfill(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    for c in Claim.objects.all().only("pk", "submitted_at", "decided_at", "paid_on", "event_date"):
        submitted = c.submitted_at.astimezone(BANGKOK).date() if c.submitted_at else c.event_date
        decided = c.decided_at.astimezone(BANGKOK).date() if c.decided_at else None
        if decided is not None and c.paid_on is not None:
            decided = min(decided, c.paid_on)
        if decided is not None:
            submitted = min(submitted, decided)
        Claim.objects.filter(pk=c.pk).update(submitted_on=submitted, decided_on=decided)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="claim", name="submitted_on",
            field=models.DateField(null=True, help_text="business date the claim was submitted (วันที่ยื่นคำขอ)"),
        ),
        migrations.AddField(
            model_name="claim", name="decided_on",
            field=models.DateField(null=True, blank=True, help_text="business date of the decision (วันที่พิจารณา)"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="claim", name="submitted_on",
            field=models.DateField(help_text="business date the claim was submitted (วันที่ยื่นคำขอ)"),
        ),
    ]
