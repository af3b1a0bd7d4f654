"""One settings module: SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
# The checkout (src layout): var/ and node_modules/ live beside src/.
PROJECT_DIR = Path(os.environ.get("KONGTHUN_HOME", BASE_DIR.parent.parent))
DATA_DIR = Path(os.environ.get("KONGTHUN_DATA", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("KONGTHUN_SECRET_KEY", "dev-only-not-secret-change-me-in-production")
DEBUG = os.environ.get("KONGTHUN_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("KONGTHUN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kongthun.places",
    "kongthun.orgs",
    "kongthun.people",
    "kongthun.access",
    "kongthun.audit",
    "kongthun.ledger",
    "kongthun.welfare.contributions",
    "kongthun.welfare.claims",
    "kongthun.welfare.funding",
    "kongthun.savings.accounts",
    "kongthun.savings.loans",
    "kongthun.welfare.disasters",
    "kongthun.savings.yearend",
    "kongthun.savings.debts",
    "kongthun.interfaces.web",
    "ninja",  # the API docs' Swagger UI, served from its own static files (no CDN)
]

MIDDLEWARE = [
    "kongthun.interfaces.web.compression.CompressMiddleware",  # first: it compresses what all the others send
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kongthun.interfaces.web.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "kongthun.urls"
WSGI_APPLICATION = "kongthun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kongthun.interfaces.web.context.scope",
            ],
            "builtins": ["kongthun.interfaces.web.templatetags.thai"],
        },
    }
]

_default_sqlite = f"sqlite:///{DATA_DIR / 'kongthun.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=0)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers work while the treasurer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

KONGTHUN_DEMO = os.environ.get("KONGTHUN_DEMO", "0") == "1"
KONGTHUN_REGIONS_FILE = os.environ.get("KONGTHUN_REGIONS_FILE", "")
