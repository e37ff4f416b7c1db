"""The redline page links each changed unit to where it stands in the new version."""

import pytest
from django.urls import reverse

from acts import services
from tests.acts.texts import act_text

pytestmark = pytest.mark.django_db


def test_redline_entries_link_to_the_unit_on_the_new_versions_page(client, act, official):
    for text in (act_text(5), act_text(5).replace("punkt 1 ustępu 2;", "punkt 1 ust. 2;")):
        version = services.version_create(act=act, actor=official, text=text)
        services.version_publish(version=version, actor=official)

    html = client.get(reverse("acts:redline", args=[act.pk, 2])).content.decode()

    version_page = reverse("acts:version", args=[act.pk, 2])
    assert f'href="{version_page}#par-1"' in html
    # The anchor exists on that page.
    assert 'id="par-1"' in client.get(version_page).content.decode()
