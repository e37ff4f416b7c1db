from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The PDF document to check"),
        help_text=_("The file is only compared with the documents issued here; it is not stored."),
    )


class VerifyCodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=30)


class RequestDocumentForm(forms.Form):
    kind = forms.CharField(max_length=40)
    subject = forms.IntegerField(min_value=1)
    next = forms.CharField(max_length=500, required=False)
