"""Enquiries' log entries are labelled "#<number>" only; older deletions were labelled with
the company or contact person as well, which outlived the enquiry in the site history."""

from django.db import migrations


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label="enquiries", model="enquiry").first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    for entry in entries.exclude(label__regex=r"^#[0-9]+$").only("pk", "object_id"):
        entry.label = f"#{entry.object_id}"
        entry.save(update_fields=["label"])


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0002_form_key"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
