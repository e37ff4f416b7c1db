"""The council's pages: the workspace, positions and their drafting, pulling NGO comments
in, amendments, votes, requests from organisations, and the public resolutions and terms;
one module each.

A selector reads, one service call changes. Domain errors from services are shown by
``core.views`` (at the form field, or as a message); anything the viewer may not see is a
404, as in the selectors. ``opinions.permissions`` is asked only to decide which buttons to
show: each service checks again.
"""
