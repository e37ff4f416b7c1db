import pytest
from django.core.cache import cache

from accounts.models import User


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_fresh(api_as):
    """``api_as`` with the user read again from the database, so nothing cached on the
    persona object (``is_official``) hides a query from ``django_assert_num_queries``."""

    def make(user=None):
        if user is not None and user.is_authenticated:
            user = User.objects.get(pk=user.pk)
        return api_as(user)

    return make
