"""The account and organisation pages: logging in, registration, passwords, the profile,
organisations and the decisions on memberships; one module each.

A selector reads, one service call changes. Domain errors from services are shown by
``core.views`` (at the form field, or as a message); anything the viewer may not see is a
404, as in the selectors.
"""
