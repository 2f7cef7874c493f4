"""Workshop profiles join the review workflow; editors add and change profiles and skills,
translators translate them, moderators publish, lock and unlock profiles (workplace/workflow.py,
workplace/roles.py). Without it an existing site needed `manage.py sync_roles` by hand."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles
    from workplace.workflow import ensure_review_workflow

    ensure_review_workflow(apps)
    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0007_designer_relations"),
        ("workshops", "0001_initial"),
        ("depot", "0002_resources_under_review"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
