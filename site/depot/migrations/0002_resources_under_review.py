"""The Depot's resources join the review workflow; editors add and change them, translators
translate them, moderators publish, lock and unlock them (workplace/workflow.py, workplace/roles.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles
    from workplace.workflow import ensure_review_workflow

    ensure_review_workflow(apps)
    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("depot", "0001_initial"),
        ("results", "0002_indicators_under_review"),
        ("workplace", "0006_vocabulary_for_catalogue_managers"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
