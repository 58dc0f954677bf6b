"""A data migration, as applications write them: the root category every product falls back to.
It runs on both databases, so PostgreSQL holds this row before sqlite2pg loads anything (as
django_content_type and auth_permission do, seeded by post_migrate)."""
from django.db import migrations


def create_root(apps, schema_editor):
    Category = apps.get_model("shop", "Category")
    Category.objects.using(schema_editor.connection.alias).create(name="Uncategorized")


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [migrations.RunPython(create_root, migrations.RunPython.noop)]
