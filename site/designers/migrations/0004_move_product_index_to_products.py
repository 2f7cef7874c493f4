"""ProductIndexPage now lives in the products app (`products.0001_initial`, which keeps its table
and its pages): the designers app only forgets the model; the database is left alone here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("designers", "0003_where_to_buy_block"),
        ("products", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProductIndexPage")],
            database_operations=[],
        ),
    ]
