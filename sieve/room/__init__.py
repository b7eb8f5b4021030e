"""The room: every participant scores from their own phone, blind until the facilitator reveals.

:mod:`sieve.room.room` holds the rules (joining with a code, names, tokens, lock, reveal,
what a page may change) on top of a :class:`~sieve.workbench.Workbench`;
:mod:`sieve.room.server` serves the participants' pages with aiohttp in the running event
loop; :mod:`sieve.room.qr` draws the join address as a QR code for a terminal. It never
imports Textual; the app imports it only when its Room screen opens (aiohttp is heavy),
and :mod:`sieve.room.room` (no aiohttp) on its vote screen, for who voted from a phone.
"""
