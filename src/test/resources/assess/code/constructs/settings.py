# Stands for: Django's startproject template, django/conf/project_template/project_name/settings.py-tpl.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",  # expect: django-engine
        "NAME": BASE_DIR / "db.sqlite3",  # expect: sqlite-file-path
    },
    # "legacy": {"ENGINE": "django.db.backends.sqlite3"},
}
