"""Step 5b/5c on PostgreSQL (default): the migrated superuser logs in with the known password,
and one new object of every model is created (the keys must not collide with migrated ones)."""
import datetime as dt
import sys
import uuid
from decimal import Decimal

from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.db import transaction

from shop.management.commands.seed import SESSION_KEY, SUPERUSER
from shop.models import Category, DigitalProduct, Everything, Order, OrderLine, Product, Profile, Tag, Voucher

UTC = dt.timezone.utc


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("what", choices=["login", "create"])

    def handle(self, *args, what, **options):
        sys.exit(self.login() if what == "login" else self.create())

    def login(self):
        user = authenticate(username=SUPERUSER[0], password=SUPERUSER[1])
        if user is None:
            self.stdout.write(f"authenticate({SUPERUSER[0]!r}, known password) on postgres returned None")
            return 1
        if not (user.is_superuser and user.is_staff and user.is_active):
            self.stdout.write(f"{user} logged in but is_superuser={user.is_superuser} is_staff={user.is_staff}")
            return 1
        if authenticate(username=SUPERUSER[0], password="wrong") is not None:
            self.stdout.write("a wrong password authenticated")
            return 1
        data = SessionStore(session_key=SESSION_KEY).load()
        if data.get("_auth_user_id") != str(user.pk) or data.get("ü") != "session ünicode":
            self.stdout.write(f"the migrated session decodes as {data!r}")
            return 1
        self.stdout.write(f"authenticate() on postgres: {user.username} (pk={user.pk}) superuser; session decoded")
        return 0

    def create(self):
        before = {m: m._base_manager.count() for m in apps.get_models(include_auto_created=True)}
        created, failures = [], []

        def attempt(name, make):
            try:
                with transaction.atomic():
                    created.append((name, make()))
            except Exception as e:  # noqa: BLE001 - every failure is reported, one line each
                failures.append(f"{name}: {type(e).__name__}: {str(e).splitlines()[0]}")

        attempt("contenttypes.ContentType", lambda: ContentType.objects.create(app_label="scenario", model="new"))
        ct = ContentType.objects.get_for_model(Group)
        attempt("auth.Permission", lambda: Permission.objects.create(name="new", content_type=ct, codename="scenario_new"))
        attempt("auth.Group", lambda: Group.objects.create(name="scenario new group"))
        attempt("auth.User", lambda: User.objects.create_user("scenario-new", "new@example.com", "pw"))
        attempt("auth.Group_permissions", lambda: Group.objects.get(name="editors").permissions.add(Permission.objects.get(codename="delete_tag")) or True)
        attempt("auth.User_groups", lambda: User.objects.get(username="user01").groups.add(Group.objects.get(name="viewers — read only")) or True)
        attempt("auth.User_user_permissions", lambda: User.objects.get(username="user01").user_permissions.add(Permission.objects.get(codename="view_tag")) or True)
        attempt("admin.LogEntry", lambda: LogEntry.objects.log_action(User.objects.get(username="admin").pk, ct.pk, "1", "x", ADDITION, "new"))
        attempt("sessions.Session", lambda: SessionStore().create() or True)
        attempt("shop.Everything", lambda: Everything.objects.create(code="new", token=uuid.uuid4()))
        attempt("shop.Category", lambda: Category.objects.create(name="new category", parent=Category.objects.get(name="Uncategorized")))
        attempt("shop.Tag", lambda: Tag.objects.create(name="new-tag"))
        attempt("shop.Product", lambda: Product.objects.create(category=Category.objects.first(), sku="NEW", variant="x", price=Decimal("1.00")))
        attempt("shop.Product_tags", lambda: Product.objects.get(sku="NEW").tags.add(Tag.objects.get(name="tag-0")) or True)
        attempt("shop.DigitalProduct", lambda: DigitalProduct.objects.create(category=Category.objects.first(), sku="NEWD", variant="x", price=Decimal("2.00"), download_url="https://dl.example/new"))
        attempt("shop.Profile", lambda: Profile.objects.create(user=User.objects.get(username="scenario-new"), nickname="new"))
        attempt("shop.Voucher", lambda: Voucher.objects.create(value=Decimal("5.00"), valid_until=dt.datetime(2031, 1, 1, tzinfo=UTC)))
        attempt("shop.Order", lambda: Order.objects.create(customer=User.objects.get(username="admin"), placed_at=dt.datetime.now(UTC)))
        attempt("shop.OrderLine", lambda: OrderLine.objects.create(order=Order.objects.latest("pk"), product=Product.objects.get(sku="NEW"), quantity=1))

        for name, obj in created:
            model = type(obj) if hasattr(obj, "_meta") else None
            if model is None or not isinstance(obj.pk, int):
                continue
            highest = model._base_manager.using("sqlite").order_by("-pk").values_list("pk", flat=True).first() or 0
            if obj.pk <= highest:
                failures.append(f"{name}: the new object got pk {obj.pk}, not past the source's highest {highest}")
        new = {m: 1 for m in before}
        new[Product] = 2  # the DigitalProduct's parent row too (multi-table inheritance)
        for m in apps.get_models(include_auto_created=True):
            if m._base_manager.count() != before[m] + new[m]:
                failures.append(f"{m._meta.label}: {before[m]} objects before, {m._base_manager.count()} after (expected {new[m]} new)")
        for line in failures:
            self.stdout.write(line)
        if failures:
            self.stdout.write(f"{len(failures)} failures creating new objects on postgres")
            return 1
        self.stdout.write(f"one new object of each of {len(before)} models created on postgres")
        return 0
