"""The council's REST API under /api/v1/council/: terms and members (``terms``), positions
and their items (``positions``), amendments, votes, requests and the workspace.

Every view is built on ``core.api_base``: a write loads its object through a selector (one
the viewer may not see is a 404), checks the object permissions (403), validates its
input, calls one service, reads the result again and serializes it; every write honours
``Idempotency-Key``. Services check the same predicates again and raise domain errors (a
decided position is a 409, a stale edit a 409 with the current text), which ``core.api``
renders.
"""
