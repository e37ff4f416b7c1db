"""The accounts REST API: logging in for an API token (``auth``), the signed-in user
(``me``), organisations, memberships and the reference data.

Every view is built on ``core.api_base``: a write loads its object through a selector (one
the viewer may not see is a 404), checks the object permissions (403), validates its
input, calls one service and serializes the result; every write of a signed-in user
honours ``Idempotency-Key``. Services check the same predicates again and raise domain
errors, which ``core.api`` renders.
"""
