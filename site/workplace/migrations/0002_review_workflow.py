"""The "Redaktionelle Prüfung" workflow on the tree root (see workplace/workflow.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.workflow import ensure_review_workflow

    ensure_review_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [("workplace", "0001_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
