# Stands for: Django's GroupConcat aggregates (function = "GROUP_CONCAT", copied from
# stackoverflow.com/a/31337612 into many projects) and SQLAlchemy's func.strftime.
from django.db.models import Aggregate
from sqlalchemy import func


class GroupConcat(Aggregate):
    function = "GROUP_CONCAT"  # expect: orm-sqlite-function


def by_month(session, Order):
    return session.query(func.strftime("%Y-%m", Order.created))  # expect: orm-sqlite-function


def create(engine, Base, db):
    Base.metadata.create_all(engine)  # expect: orm-create-all
    # db.create_all() in a comment
