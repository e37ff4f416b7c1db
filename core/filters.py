"""The base of the API's filter sets (django-filter).

Every filter of a list is declared: none is generated from the model's fields, so a
filter set names no model and needs no ``Meta`` (the view's queryset gives the model, and
the selector behind it has already narrowed the list to what the viewer may see). A
filter set subclasses ``FilterSet`` and declares its filters, nothing else.
"""

from __future__ import annotations

import django_filters


class FilterSet(django_filters.FilterSet):
    """A filter set of declared filters only, without the ``Meta`` that each would
    otherwise repeat (``model = …``, ``fields = []``)."""
