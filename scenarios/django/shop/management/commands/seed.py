"""Step 2: fills the SQLite database through the ORM with deterministic data and edge values."""
import datetime as dt
import random
import uuid
from decimal import Decimal

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Value

from shop.models import Category, DigitalProduct, Everything, Order, OrderLine, Product, Profile, Tag, Voucher

UTC = dt.timezone.utc
SUPERUSER = ("admin", "correct horse battery staple")
SESSION_KEY = "scenario0session0key000000000000"  # 32 characters, as Django makes them

# One row per edge value; columns not named are NULL/default.
EDGES = [
    dict(code="x" * 20, body="", flag=True, maybe=None),  # CharField at its max_length, empty text
    dict(code="Ünïcödé 日本語 🎉 ĳ", body="line1\nline2\r\n\ttab 'quote' \"dq\" \\ backslash  "),
    dict(code="ascii", maybe=True, body="x" * 5000),
    dict(code="false", maybe=False, flag=False),
    dict(code="dates", day=dt.date(1, 1, 1), moment=dt.datetime(1, 1, 1, 0, 0, tzinfo=UTC)),
    dict(code="dates-max", day=dt.date(9999, 12, 31), moment=dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    dict(code="leap", day=dt.date(2024, 2, 29), moment=dt.datetime(2024, 2, 29, 12, 34, 56, 123456, tzinfo=UTC)),
    dict(code="epoch", day=dt.date(1970, 1, 1), moment=dt.datetime(1970, 1, 1, tzinfo=UTC)),
    dict(code="paris-dst", moment=dt.datetime(2024, 3, 31, 0, 59, 59, 999999, tzinfo=UTC)),
    dict(code="pre-1900", moment=dt.datetime(1899, 12, 31, 23, 59, 59, tzinfo=UTC)),
    dict(code="clock0", clock=dt.time(0, 0)),
    dict(code="clockmax", clock=dt.time(23, 59, 59, 999999)),
    dict(code="clock1us", clock=dt.time(12, 0, 0, 1)),
    dict(code="span0", span=dt.timedelta(0)),
    dict(code="span-1us", span=dt.timedelta(microseconds=-1)),
    dict(code="span-neg", span=dt.timedelta(days=-1, seconds=5, microseconds=250000)),
    dict(code="span-sub", span=dt.timedelta(microseconds=999999)),
    dict(code="span-big", span=dt.timedelta(days=100000, microseconds=1)),
    dict(code="span-bigneg", span=-dt.timedelta(days=100000, seconds=1)),
    dict(code="amount-max", amount=Decimal("99999999.9999")),
    dict(code="amount-min", amount=Decimal("-99999999.9999")),
    dict(code="amount-tiny", amount=Decimal("0.0001")),
    dict(code="amount-0", amount=Decimal("0")),
    dict(code="amount-frac", amount=Decimal("12345.6789")),
    dict(code="amount-ndig", amount=Decimal("1.1")),
    dict(code="ratio-0.1", ratio=0.1),
    dict(code="ratio-big", ratio=1.7976931348623157e308),
    dict(code="ratio-tiny", ratio=5e-324),
    dict(code="ratio-negzero", ratio=-0.0),
    dict(code="ratio-inf", ratio=float("inf")),
    dict(code="ratio-ninf", ratio=float("-inf")),
    dict(code="ratio-third", ratio=1 / 3),
    dict(code="ints-min", small=-32768, integer=-2147483648, big=-9223372036854775808, psmall=0, pint=0, pbig=0),
    dict(code="ints-max", small=32767, integer=2147483647, big=9223372036854775807,
         psmall=32767, pint=2147483647, pbig=9223372036854775807),
    dict(code="email", email="first.last+tag@xn--bcher-kva.example", url="https://example.com/päth?q=1&r=ü#frag",
         slug="a-slug_1"),
    dict(code="email-long", email=("a" * 64) + "@" + ("b" * 63) + "." + ("c" * 63) + ".example",
         url="http://[2001:db8::1]:8080/" + "p" * 150),
    dict(code="uuid-0", token=uuid.UUID(int=0)),
    dict(code="uuid-max", token=uuid.UUID(int=2**128 - 1)),
    dict(code="ipv4", ip="192.0.2.1"),
    dict(code="ipv6", ip="2001:db8::1"),
    dict(code="ipv6-full", ip="2001:db8:85a3::8a2e:370:7334"),
    dict(code="ipv4-mapped", ip="::ffff:192.0.2.128"),
    dict(code="ipv4-zero", ip="0.0.0.0"),
    dict(code="blob-empty", blob=b""),
    dict(code="blob-bytes", blob=bytes(range(256))),
    dict(code="blob-nul", blob=b"\x00"),
    dict(code="json-nested", data={"a": [1, 2.5, None, True, False], "nested": {"ü": "日本", "emoji": "🎉", "deep": [[[{}]]]}}),
    dict(code="json-list", data=[1, "two", {"three": 3}]),
    dict(code="json-string", data="just a string"),
    dict(code="json-number", data=12345678901234567890),
    dict(code="json-float", data=0.1),
    dict(code="json-empty", data={}),
    dict(code="json-sqlnull", data=None),
    dict(code="json-jsonnull", data=Value("null")),  # JSON null, not SQL NULL (Django 3.2 docs)
    dict(code="json-escapes", data={"quote": "\"", "backslash": "\\", "newline": "\n", "tab": "\t"}),
    dict(code="files", attachment="docs/report ü 2024.pdf", picture="img/photo.png"),
]


class Command(BaseCommand):
    help = "Fill the database with the scenario's deterministic data."

    def handle(self, *args, **options):
        rng = random.Random(11)
        with transaction.atomic():
            self.auth(rng)
            self.everything(rng)
            self.shop(rng)
        counts = {m.__name__: m.objects.count() for m in (Everything, Category, Product, Order, OrderLine, User)}
        kept = Everything.objects.get(code="ratio-negzero").ratio
        self.stdout.write(f"seeded {counts}; -0.0 read back as {kept!r}")

    def auth(self, rng):
        admin = User.objects.create_superuser(SUPERUSER[0], "admin@example.com", SUPERUSER[1])
        hashed = User(username="tmp")
        hashed.set_password("user password")  # hashed once (PBKDF2 is slow), copied to every user
        editors = Group.objects.create(name="editors")
        viewers = Group.objects.create(name="viewers — read only")
        shop_perms = Permission.objects.filter(content_type__app_label="shop")
        editors.permissions.set(shop_perms.exclude(codename__startswith="delete_"))
        viewers.permissions.set(shop_perms.filter(codename__startswith="view_"))
        for i in range(40):
            u = User.objects.create(
                username=f"user{i:02d}" if i % 7 else f"usér-{i:02d}-ü",
                email=f"user{i}@example.com",
                first_name=rng.choice(["Ann", "Bjørn", "Chloé", "Dmitrij", "李"]),
                last_name="O'Brien" if i == 3 else "",
                password=hashed.password,
                is_staff=i % 5 == 0,
                is_active=i != 13,
                date_joined=dt.datetime(2020, 1, 1, tzinfo=UTC) + dt.timedelta(days=i, microseconds=i),
                last_login=None if i % 3 else dt.datetime(2024, 6, 1, 8, 0, i, tzinfo=UTC),
            )
            u.groups.set([editors] if i % 2 else [viewers, editors][: 1 + i % 3 // 2])
            if i % 4 == 0:
                u.user_permissions.add(*shop_perms.filter(codename__startswith="delete_")[: 1 + i % 3])
            Profile.objects.create(user=u, nickname=f"nick {i} ñ", birthday=None if i % 2 else dt.date(1980 + i, 1 + i % 12, 28))
        session = SessionStore()
        session.update({"_auth_user_id": str(admin.pk), "cart": [1, 2, 3], "ü": "session ünicode"})
        session._session_key = SESSION_KEY  # after update(): loading a missing key resets it
        session.save(must_create=True)
        ct = ContentType.objects.get_for_model(Group)
        LogEntry.objects.log_action(admin.pk, ct.pk, str(editors.pk), str(editors), ADDITION, '[{"added": {}}]')
        # A model the application once had and removed: its content type, permission and log
        # entries stay (Django never deletes them), so the SQLite side's django_content_type and
        # auth_permission differ from the ones migrate writes on PostgreSQL.
        stale = ContentType.objects.create(app_label="shop", model="legacyinvoice")
        perm = Permission.objects.create(name="Can archive legacy invoice", content_type=stale, codename="archive_legacyinvoice")
        editors.permissions.add(perm)
        LogEntry.objects.log_action(admin.pk, stale.pk, "7", "Invoice 7", CHANGE, "archived")
        LogEntry.objects.log_action(admin.pk, ct.pk, str(viewers.pk), "viewers — read only", CHANGE, "changed ü")

    def everything(self, rng):
        for edge in EDGES:
            edge.setdefault("token", uuid.UUID(int=rng.getrandbits(128)))
            Everything.objects.create(**edge)
        words = ["alpha", "beta", "gamma", "δέλτα", "ε", "ζ-zeta"]
        for i in range(300):
            Everything.objects.create(
                flag=i % 2 == 0,
                maybe=[None, True, False][i % 3],
                code=f"gen-{i:04d}",
                body=" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))),
                day=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 10000)),
                moment=dt.datetime(2000, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=rng.randint(0, 10**15)),
                clock=dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, rng.randint(0, 999999)])),
                span=dt.timedelta(microseconds=rng.randint(-(10**12), 10**12)),
                amount=Decimal(rng.randint(-(10**12) + 1, 10**12 - 1)).scaleb(-4),
                ratio=rng.uniform(-1e6, 1e6),
                small=rng.randint(-32768, 32767),
                integer=rng.randint(-(2**31), 2**31 - 1),
                big=rng.randint(-(2**63), 2**63 - 1),
                psmall=rng.randint(0, 32767),
                pint=rng.randint(0, 2**31 - 1),
                pbig=rng.randint(0, 2**63 - 1),
                email=f"gen{i}@example.org",
                url=f"https://example.org/{i}",
                slug=f"gen-{i}",
                token=uuid.UUID(int=rng.getrandbits(128)),
                ip=f"10.{i % 256}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" if i % 2 else f"2001:db8::{i:x}",
                blob=bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))),
                data={"i": i, "w": rng.choice(words), "l": [rng.random() for _ in range(i % 4)]},
            )

    def shop(self, rng):
        root = Category.objects.get(name="Uncategorized")
        cats = [root]
        for i in range(30):
            cats.append(Category.objects.create(name=f"category {i} ü", parent=rng.choice(cats)))
        tags = [Tag.objects.create(name=f"tag-{i}") for i in range(20)]
        products = []
        for i in range(120):
            kind = DigitalProduct if i % 6 == 0 else Product
            extra = {"download_url": f"https://dl.example/{i}"} if kind is DigitalProduct else {}
            p = kind.objects.create(category=rng.choice(cats), sku=f"SKU{i // 2:05d}", variant=["red", "blue"][i % 2],
                                    price=Decimal(rng.randint(0, 10**10 - 1)).scaleb(-2), **extra)
            p.tags.set(rng.sample(tags, rng.randint(0, 4)))
            products.append(p)
        vouchers = [
            Voucher.objects.create(id=uuid.UUID(int=rng.getrandbits(128)), value=Decimal("10.00") * i,
                                   valid_until=dt.datetime(2030, 1, 1, tzinfo=UTC) + dt.timedelta(hours=i))
            for i in range(10)
        ]
        users = list(User.objects.order_by("pk"))
        for i in range(150):
            o = Order.objects.create(customer=rng.choice(users), voucher=rng.choice(vouchers + [None]),
                                     placed_at=dt.datetime(2023, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=i * 3607, microseconds=i))
            for p in rng.sample(products, rng.randint(1, 3)):
                OrderLine.objects.create(order=o, product=p, quantity=rng.randint(1, 10**6), note=rng.choice(["", "gift 🎁"]))
