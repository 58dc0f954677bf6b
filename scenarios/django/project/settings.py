"""Settings of the scenario project.

SCENARIO_DB=sqlite: the default database is the SQLite file $SCENARIO_SQLITE (steps 1-2).
SCENARIO_DB=pg: the default database is PostgreSQL $SCENARIO_PGDB on $PGHOST:$PGPORT, and the
SQLite file stays reachable as the alias "sqlite", for the comparison (step 5).
"""
import os

SECRET_KEY = "scenario-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "shop",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.request",
            ]
        },
    }
]
ROOT_URLCONF = "project.urls"
USE_TZ = True
TIME_ZONE = "Europe/Paris"  # display zone; with USE_TZ both backends store UTC
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("SCENARIO_SQLITE", "app.db")}
POSTGRES = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ.get("SCENARIO_PGDB", "django_app"),
    "HOST": os.environ.get("PGHOST", "127.0.0.1"),
    "PORT": os.environ.get("PGPORT", "5432"),
    "USER": os.environ.get("PGUSER", "postgres"),
}
if os.environ.get("SCENARIO_DB", "sqlite") == "pg":
    DATABASES = {"default": POSTGRES, "sqlite": SQLITE}
else:
    DATABASES = {"default": SQLITE}
