"""A page's slots (``core.sections``): the sections other apps register there, in order,
with their stylesheets; a slot nobody fills renders nothing."""

import pytest
from django.template import Context, Template

from core import sections
from core.sections import PageSection, register, sections_in


@pytest.fixture
def slots(monkeypatch):
    monkeypatch.setattr(sections, "_sections", {})


def greeting(context, arguments):
    return f"<p>{arguments['word']}, {context['name']}</p>"


def farewell(context, arguments):
    return "<p>bye</p>"


def render(text, **context):
    return Template("{% load page_sections %}" + text).render(Context(context))


def test_a_slot_renders_its_sections_in_the_order_registered_with_the_pages_arguments(slots):
    register(PageSection(slot="page.x", name="a", render=greeting, stylesheets=("a.css",)))
    register(PageSection(slot="page.x", name="b", render=farewell, stylesheets=("a.css", "b.css")))
    register(PageSection(slot="page.y", name="c", render=farewell))

    html = render('{% page_sections "page.x" word="hello" %}', name="Ala")

    assert html == "<p>hello, Ala</p><p>bye</p>"
    sheets = render('{% page_section_stylesheets "page.x" as s %}{{ s|join:" " }}')
    assert sheets == "a.css b.css"


def test_registering_a_name_again_replaces_its_section(slots):
    register(PageSection(slot="page.x", name="a", render=greeting))
    register(PageSection(slot="page.x", name="a", render=farewell))
    assert [section.render for section in sections_in("page.x")] == [farewell]


def test_a_slot_nobody_fills_renders_nothing(slots):
    assert render('{% page_sections "page.empty" %}') == ""


def test_consultations_fill_the_act_page_slot():
    assert [section.name for section in sections_in("acts.act_detail")] == ["consultations"]
