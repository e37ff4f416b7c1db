from __future__ import annotations

from typing import Any

from django import forms

from notifications.categories import CHOOSABLE, Category
from notifications.models import Mode


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in CHOOSABLE:
            self.fields[str(category)] = forms.ChoiceField(
                label=Category(category).label,
                choices=Mode.choices,
                widget=forms.RadioSelect,
            )
