from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the login form after too many failed attempts (django-axes)."""
    return render(request, "accounts/lockout.html", status=429)
