"""Roles again: the new group "Designer relations" sees and changes designers' applications
(`applications.review_design_applications`) and nothing else of the enquiries."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles

    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0006_vocabulary_for_catalogue_managers"),
        ("applications", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
