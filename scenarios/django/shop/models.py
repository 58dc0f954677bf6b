"""Models covering every built-in Django field type (Django 3.2), and every kind of relation."""
import uuid

from django.conf import settings
from django.db import models


class Everything(models.Model):
    """One column of each built-in field type; id is a BigAutoField (DEFAULT_AUTO_FIELD)."""

    flag = models.BooleanField(default=False)
    maybe = models.BooleanField(null=True)
    code = models.CharField(max_length=20)
    body = models.TextField(blank=True)
    day = models.DateField(null=True)
    moment = models.DateTimeField(null=True)
    clock = models.TimeField(null=True)
    span = models.DurationField(null=True)
    amount = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    ratio = models.FloatField(null=True)
    small = models.SmallIntegerField(null=True)
    integer = models.IntegerField(null=True)
    big = models.BigIntegerField(null=True)
    psmall = models.PositiveSmallIntegerField(null=True)
    pint = models.PositiveIntegerField(null=True)
    pbig = models.PositiveBigIntegerField(null=True)
    email = models.EmailField(null=True)
    url = models.URLField(null=True)
    slug = models.SlugField(null=True)
    token = models.UUIDField(default=uuid.uuid4)
    ip = models.GenericIPAddressField(null=True)
    blob = models.BinaryField(null=True)
    data = models.JSONField(null=True)
    attachment = models.FileField(upload_to="docs/", blank=True)
    picture = models.ImageField(upload_to="img/", blank=True)


class Category(models.Model):
    """An explicit AutoField (integer) key and a self-referencing foreign key."""

    id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=50, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")


class Tag(models.Model):
    """A SmallAutoField (smallint) key."""

    id = models.SmallAutoField(primary_key=True)
    name = models.SlugField(unique=True)


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    sku = models.CharField(max_length=12)
    variant = models.CharField(max_length=12)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    tags = models.ManyToManyField(Tag, blank=True)  # auto-created through table

    class Meta:
        unique_together = [("sku", "variant")]


class DigitalProduct(Product):
    """Multi-table inheritance: the key is a OneToOneField to the parent (no sequence)."""

    download_url = models.URLField()


class Profile(models.Model):
    """A OneToOneField as primary key."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True)
    nickname = models.CharField(max_length=30)
    birthday = models.DateField(null=True)


class Voucher(models.Model):
    """A UUID primary key (char(32) hex on SQLite, uuid on PostgreSQL)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    value = models.DecimalField(max_digits=8, decimal_places=2)
    valid_until = models.DateTimeField()


class Order(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    placed_at = models.DateTimeField()
    voucher = models.ForeignKey(Voucher, null=True, blank=True, on_delete=models.SET_NULL)
    products = models.ManyToManyField(Product, through="OrderLine")  # explicit through model


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    note = models.CharField(max_length=40, blank=True)

    class Meta:
        unique_together = [("order", "product")]
