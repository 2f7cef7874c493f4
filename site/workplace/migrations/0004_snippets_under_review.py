"""Navigation, footer, site settings and retailers join the review workflow; moderators may
publish, lock and unlock them (workplace/workflow.py, workplace/roles.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from workplace.roles import sync_roles
    from workplace.workflow import ensure_review_workflow

    ensure_review_workflow(apps)
    sync_roles(apps, log=lambda message: None)


class Migration(migrations.Migration):
    dependencies = [
        ("workplace", "0003_roles_with_enquiries"),
        ("core", "0005_reviewed_snippets_and_site_settings"),
        ("shop_links", "0005_retailer_under_review"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
