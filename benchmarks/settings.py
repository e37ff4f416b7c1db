"""Settings of the benchmark server: the production shape, minus what would distort timing.

DEBUG stays off (no query log, no debug pages); throttles are set so high that they never
refuse a request (they still run, so their cost is measured); HTTPS redirects and secure
cookies are off because the load generator talks plain HTTP on 127.0.0.1; the URLs add
the floor views. Everything else (middleware, authentication, CONN_MAX_AGE, templates)
is ``config.settings.base`` as deployed.
"""

import os

# The runner sets DATABASE_URL; this default only serves ``manage.py`` run by hand.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/konsultacje_bench"

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-never-used-in-production-0123")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings.base import *  # noqa: E402, F403
from config.settings.base import REST_FRAMEWORK, STORAGES  # noqa: E402

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "benchmarks.urls"

UNLIMITED_RATE = "1000000/second"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": UNLIMITED_RATE,
        "user": UNLIMITED_RATE,
        "login": UNLIMITED_RATE,
    },
}

# The manifest storage needs ``collectstatic`` first; a static URL costs the same either way.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
