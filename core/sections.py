"""Sections an app adds to another app's page, so that the page's app need not know it.

A page names a slot (``"acts.act_detail"``) and renders what is registered there with the
``page_sections`` template tags (``core/templatetags/page_sections.py``); the app that
adds a section registers it in its ``AppConfig.ready``. Dependencies keep pointing one way:
an act's page lists the consultations run on it, and acts knows nothing of consultations,
not even in its templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template import Context

# What a section renders: its HTML, from the page's template context and the arguments
# the page passes to the slot.
Renderer = Callable[[Context, Mapping[str, Any]], str]


@dataclass(frozen=True)
class PageSection:
    """A section for the slot ``slot``: ``name`` says whose it is (registering the same
    name again replaces it), ``stylesheets`` are static paths the page links in its head."""

    slot: str
    name: str
    render: Renderer
    stylesheets: tuple[str, ...] = ()


_sections: dict[str, dict[str, PageSection]] = {}


def register(section: PageSection) -> None:
    """Add ``section`` to its slot, after those registered before it."""
    _sections.setdefault(section.slot, {})[section.name] = section


def sections_in(slot: str) -> list[PageSection]:
    """The sections registered for ``slot``, in the order they were registered."""
    return list(_sections.get(slot, {}).values())
