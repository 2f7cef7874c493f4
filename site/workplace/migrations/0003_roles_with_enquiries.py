"""Roles again, now that the enquiries app exists: Enquiry managers get `manage_enquiries`."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles

    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0002_review_workflow"),
        ("enquiries", "0001_initial"),
        ("shop_links", "0004_click_counts_survive_removed_links"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
