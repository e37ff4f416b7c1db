"""``{% follow_button kind target_id name %}``: the follow or stop-following button of a
target, a POST form that works without JavaScript. A page with several buttons asks the
database once: what the user follows is read on the first button and kept on the request."""

from __future__ import annotations

from django import template

from notifications import follow_selectors, following

register = template.Library()

# Kinds an address without an account can get e-mails about (``/subscribe/``).
SUBSCRIBABLE = {following.TOPIC: "topics", following.DEPARTMENT: "departments"}


@register.inclusion_tag("notifications/following/follow_button.html", takes_context=True)
def follow_button(context: template.Context, kind: str, target_id: int, name: str) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "kind": kind,
        "target_id": target_id,
        "name": name,
        "signed_in": signed_in,
        "following": signed_in
        and (kind, int(target_id)) in follow_selectors.followed_for_request(request),
        "next": request.get_full_path() if request is not None else "",
        "subscribe_field": SUBSCRIBABLE.get(kind, ""),
        "csrf_token": context.get("csrf_token"),
    }
