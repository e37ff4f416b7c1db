"""Settings for every environment, read from environment variables.

This module is the production shape: DEBUG is off unless asked for, SECRET_KEY is then
required, and every security header is on. ``local`` and ``test`` only override a few
values. Every variable is documented in the README.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from core.client_ip import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Konsultacje")

INSTALLED_APPS = [
    # The admin site lets a user with a second factor in only once it was checked.
    "accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "acts",
    "consultations",
    "opinions",
    "documents",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.viewer.ViewerMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "notifications.context_processors.unread",
            ],
            # Every page shows dates one way per kind of place: |day and |moment.
            # and role titles follow the person's grammatical gender: |role_title.
            "builtins": ["core.templatetags.dates", "accounts.templatetags.titles"],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    # The embedded default: a SQLite file in VAR_DIR, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and statements run often prepared once per connection
    # (psycopg's prepare threshold): no quoting of every parameter into the SQL text, no
    # parsing and planning of the same statement again and again.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DATABASE_SERVER_SIDE_BINDING", True
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery ------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open: with Redis away, throttling and caching log and serve.
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "konsultacje",
            # Seconds: a Redis that does not answer must not hold a request for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker every task runs inline, in the process that enqueued it.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process that dies mid-task (killed, out of memory) loses nothing: the message is
# acknowledged only after the task (ACKS_LATE), and the worker puts it back at once when its
# process is lost (REJECT_ON_WORKER_LOST), redelivered with the broker's "redelivered" flag.
# If the whole worker dies, Redis delivers the unacknowledged message again after this
# visibility timeout (seconds); it must exceed the longest task, or a task still running
# would be started again. Documents do not wait for it: the sweep re-queues them sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 60 * 60)
}
CELERY_TIMEZONE = "Europe/Warsaw"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Documents render on their own queue, so a long report never delays an e-mail; a worker
# must consume it (`celery worker -Q celery,documents`, or one worker per queue).
CELERY_TASK_ROUTES = {"documents.*": {"queue": "documents"}}

# --- Documents --------------------------------------------------------------------------
# The signing key and certificate (PKCS#12) and its password; without them a development
# authority and signer are made under VAR_DIR and the stamp says the signature is a test.
DOCUMENTS_SIGNING_P12 = env_str("DOCUMENTS_SIGNING_P12", "")
DOCUMENTS_SIGNING_PASSWORD = env_str("DOCUMENTS_SIGNING_PASSWORD", "")
# A document rendering or signing for longer than this is taken as abandoned (its worker
# died) and queued again by the sweep (beat).
DOCUMENTS_STALE_AFTER_SECONDS = env_int("DOCUMENTS_STALE_AFTER_SECONDS", 15 * 60)

# --- Authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Account e-mail verification links stay valid this long (seconds).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)

# Login throttling: after this many failures for one e-mail from one address, wait.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.login.lockout"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# The client's address as the API throttles see it: X-Forwarded-For only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# One-time codes typed at login are never written into the failed attempts' records.
AXES_SENSITIVE_PARAMETERS = ["code", "otp"]

# Two-factor login (django-otp): a wrong code counts as a failed login (the same lockout as
# a wrong password) and each device also slows down repeated wrong codes by itself.
# The roles that must set up a second factor before using the site: any of
# "administrator", "official", "council_officer"; empty (the default) enforces nothing,
# though everyone may still turn it on.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", [])
# Seconds between the password and the code before the login starts over.
TWO_FACTOR_LOGIN_TIMEOUT = env_int("TWO_FACTOR_LOGIN_TIMEOUT", 300)
OTP_TOTP_ISSUER = SITE_NAME

# API tokens stop working this many days after they are made (accounts.api_tokens).
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)
# Password-reset e-mails asked for within an hour, per address and per client address;
# beyond, the same answer is shown and nothing is sent (core.rate_limits, in the database).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("PASSWORD_RESET_LIMIT_PER_CLIENT", 10)
# E-mail subscriptions to new consultations (notifications.following): a request waits this
# many days for its confirmation link to be used, then is deleted (beat); requests asked
# for within an hour, per address and per client address, beyond which nothing is sent
# and the answer stays the same (core.rate_limits, in the database).
SUBSCRIPTION_CONFIRM_DAYS = env_int("SUBSCRIPTION_CONFIRM_DAYS", 7)
SUBSCRIPTION_CONFIRM_TIMEOUT = timedelta(days=SUBSCRIPTION_CONFIRM_DAYS)
SUBSCRIPTION_LIMIT_PER_ADDRESS = env_int("SUBSCRIPTION_LIMIT_PER_ADDRESS", 3)
SUBSCRIPTION_LIMIT_PER_CLIENT = env_int("SUBSCRIPTION_LIMIT_PER_CLIENT", 20)

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
# "6 grudnia 2026 r." and "06.12.2026"; in English "6 December 2026" (core.dates).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Nothing serves MEDIA_URL: every uploaded file is private, downloaded through its
# object's view (core.files). With a prefix here (e.g. "/protected-media/") the view answers
# with X-Accel-Redirect and the front server, where that location is internal, sends the
# bytes; empty, the web process streams them.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
FILES_ACCEL_REDIRECT_PREFIX = env_str("FILES_ACCEL_REDIRECT_PREFIX", "")
# Where uploaded files and documents live: "filesystem" (MEDIA_ROOT, the default) or "s3",
# an S3-compatible bucket (AWS, MinIO, ...) that several web and worker hosts share. The
# bucket stays private: nothing is stored with a public ACL and no signed link is handed
# out; downloads are streamed by the web process after the object's permission check
# (core.files), so FILES_ACCEL_REDIRECT_PREFIX cannot be used with it (core.checks).
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "filesystem":
    DEFAULT_STORAGE: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", required=True),
            # Empty: AWS itself; for MinIO and others their address.
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Empty: boto3's own chain (instance role, ~/.aws, its environment variables).
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            # "path" for most S3-compatible servers (MinIO); empty lets boto3 choose.
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            # A prefix inside the bucket, e.g. one per installation.
            "location": env_str("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(
        f"STORAGE_BACKEND must be 'filesystem' or 's3', got {STORAGE_BACKEND!r}."
    )
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# What a zip-based upload (.docx, .odt) may expand to, declared in total (core.uploads).
UPLOAD_MAX_UNCOMPRESSED_BYTES = env_int("UPLOAD_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Konsultacje <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Notifications: e-mails claimed and sent over one SMTP connection at a time (a worker
# killed mid-batch may send at most this many twice).
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 2000)

# --- REST API ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api_base.ApiSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.AnonRateThrottle",
        "core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
        "login": env_str("API_THROTTLE_LOGIN", "10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Konsultacje API",
    "DESCRIPTION": (
        "Public consultations of draft legal acts, NGO comments and council opinions.\n\n"
        "Every error is JSON: {message, code, extra}. message is translated and says what to "
        "do; code is stable; extra.fields maps invalid fields to their messages, extra.wait "
        "is the seconds to wait after a 429. Besides the statuses each operation lists, any "
        "operation may answer 404 (an address that matches no route, e.g. a non-integer id), "
        "413 (a body over the size limit, code request_too_large), 400 (a body that cannot be "
        "read, or JSON nested too deeply, code parse_error) and 500 (code server_error)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a "status" or "role"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "NotificationModeEnum": "notifications.models.Mode",
        "OrganisationStatusEnum": "accounts.models.OrganisationStatus",
        "MembershipStatusEnum": "accounts.models.MembershipStatus",
        "MembershipRoleEnum": "accounts.models.MembershipRole",
        "ActStatusEnum": "acts.models.ActStatus",
        "ConsultationStatusEnum": "consultations.models.ConsultationStatus",
        "ConsultationPhaseEnum": "consultations.models.ConsultationPhase",
        "CommentStatusEnum": "consultations.models.CommentStatus",
        "DispositionEnum": "consultations.models.Disposition",
        "ProvisionKindEnum": "acts.models.ProvisionKind",
        "PositionKindEnum": "opinions.models.PositionKind",
        "PositionStatusEnum": "opinions.models.PositionStatus",
        "AmendmentStatusEnum": "opinions.models.AmendmentStatus",
        "RequestKindEnum": "opinions.models.RequestKind",
        "RequestStatusEnum": "opinions.models.RequestStatus",
        "BallotChoiceEnum": "opinions.models.BallotChoice",
        "VoteModeEnum": "opinions.models.VoteMode",
        "OfficeEnum": "opinions.models.Office",
    },
}

# --- Security ---------------------------------------------------------------------------
# The front servers (addresses or CIDR networks) whose X-Forwarded-For is believed, for
# rate limits and login lockouts; none by default, so the header is ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
parse_networks(TRUSTED_PROXIES)  # a malformed entry stops the start, naming the setting
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Container health checks call plain HTTP from inside the host.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Rendering and signing a document log every step and every glyph at INFO.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("weasyprint", "fontTools", "pyhanko", "pyhanko_certvalidator")
    },
}

# --- Domain -----------------------------------------------------------------------------
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "demo")
# Tests that need PostgreSQL, Redis or a Celery worker fail instead of skipping when set.
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES", False)
