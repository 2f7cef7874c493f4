"""Roles again: Editors and Moderators plan campaigns, so they read the click report
(`shop_links.view_clickcount`), which only superusers could open before."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles

    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0004_snippets_under_review"),
        ("shop_links", "0005_retailer_under_review"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
