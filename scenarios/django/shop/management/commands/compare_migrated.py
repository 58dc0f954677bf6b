"""Step 5a: reads every object of every model (auto-created M2M tables too) from both databases,
the SQLite file (alias "sqlite") and PostgreSQL (default), and compares field by field as Python
values. Prints each difference as `model pk=... field: sqlite=... postgres=...`; exits 1 on any."""
import math
import os
import struct
import sys

from django.apps import apps

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 4, "lib", "python"))
from jsoncanon import canon  # noqa: E402
from django.core.management.base import BaseCommand
from django.db.migrations.recorder import MigrationRecorder

MAX_SHOWN = int(os.environ.get("SCENARIO_MAX_DIFFS", "60"))


def norm(value):
    """Python values the two backends give for the same stored value, made comparable without
    losing anything: memoryview (psycopg2's bytea) is bytes; a float is its exact bits."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, float):
        return ("float", struct.pack(">d", value).hex(), value)
    return value


def same(a, b):
    a, b = norm(a), norm(b)
    if type(a) is not type(b):
        return False
    if hasattr(a, "tzinfo") and getattr(a, "tzinfo", None) is not None:
        return a == b and b.tzinfo is not None
    if a.__class__.__name__ == "Decimal":
        return a == b and str(a) == str(b)
    return a == b


class Command(BaseCommand):
    help = "Compare every object of the SQLite database with the PostgreSQL one."

    def handle(self, *args, **options):
        self.diffs = 0
        total = 0
        for model in apps.get_models(include_auto_created=True):
            total += self.compare_model(model)
        self.compare_json_nulls()
        self.compare_history()
        if self.diffs:
            self.stdout.write(f"{self.diffs} differences over {total} objects")
            sys.exit(1)
        self.stdout.write(f"{total} objects of {len(apps.get_models(include_auto_created=True))} models equal field by field")

    def report(self, text):
        self.diffs += 1
        if self.diffs <= MAX_SHOWN:
            self.stdout.write(text)

    def compare_model(self, model):
        label = model._meta.label
        src = {o.pk: o for o in model._base_manager.using("sqlite").all()}
        dst = {o.pk: o for o in model._base_manager.using("default").all()}
        missing = sorted(set(src) - set(dst), key=str)
        extra = sorted(set(dst) - set(src), key=str)
        if missing:
            self.report(f"{label}: {len(missing)} of {len(src)} objects missing on postgres, pk={missing[:5]}")
        if extra:
            self.report(f"{label}: {len(extra)} objects on postgres that sqlite lacks, pk={extra[:5]}")
        for pk in sorted(set(src) & set(dst), key=str):
            for field in model._meta.concrete_fields:
                a = field.value_from_object(src[pk])
                b = field.value_from_object(dst[pk])
                if field.get_internal_type() == "JSONField":
                    equal = canon(a) == canon(b)
                else:
                    equal = same(a, b)
                if not equal:
                    self.report(f"{label} pk={pk!r} {field.name}: sqlite={norm(a)!r} postgres={norm(b)!r}")
        return len(src)

    def compare_json_nulls(self):
        """JSON null and SQL NULL both read as None; the lookups tell them apart (Django 3.2:
        `data=None` matches JSON null, `data__isnull=True` SQL NULL)."""
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.get_internal_type() != "JSONField":
                    continue
                for lookup in ({field.name: None}, {f"{field.name}__isnull": True}):
                    pks = [set(model._base_manager.using(db).filter(**lookup).values_list("pk", flat=True))
                           for db in ("sqlite", "default")]
                    if pks[0] != pks[1]:
                        self.report(f"{model._meta.label} {lookup}: sqlite pk={sorted(pks[0])} postgres pk={sorted(pks[1])}")

    def compare_history(self):
        """django_migrations: the same migrations applied (ids and times are each side's own)."""
        names = [set(MigrationRecorder.Migration.objects.using(db).values_list("app", "name"))
                 for db in ("sqlite", "default")]
        for app, name in sorted(names[0] ^ names[1]):
            side = "sqlite" if (app, name) in names[0] else "postgres"
            self.report(f"django_migrations: {app}.{name} applied only on {side}")
