"""The forms of following and subscribing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications import following


class FollowForm(forms.Form):
    kind = forms.CharField(max_length=40)
    target_id = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])
    next = forms.CharField(required=False)


def _choices(kind: str) -> list[tuple[int, str]]:
    follow_kind = following.get(kind)
    if follow_kind is None or follow_kind.choices is None:
        return []
    return follow_kind.choices()


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    topics = forms.TypedMultipleChoiceField(
        label=_("Topics"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every topic."),
    )
    departments = forms.TypedMultipleChoiceField(
        label=_("Departments"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every department."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = _choices(following.TOPIC)  # type: ignore[attr-defined]
        self.fields["departments"].choices = _choices(following.DEPARTMENT)  # type: ignore[attr-defined]
