"""Roles again: the catalogue managers keep the vocabulary for the feed's codes
(`catalogue.CatalogueTerm`: add, change, delete, view); translators translate its terms
(change, view) like the other translatable snippets."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles

    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0005_click_report_for_editors_and_moderators"),
        ("catalogue", "0004_seed_vocabulary"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
