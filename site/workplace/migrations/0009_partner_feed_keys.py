"""Roles again: moderators and catalogue managers manage the partner feed's keys and switch it
between public and keys only (`partner_feed.manage_keys`, `partner_feed.change_feedaccess`)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles

    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0008_workshops_under_review"),
        ("partner_feed", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
