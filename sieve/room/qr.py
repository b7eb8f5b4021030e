"""The join address as a QR code a terminal can draw: lines of half blocks (segno)."""

from __future__ import annotations

#: Light modules around the code, as the QR standard asks (modules).
QUIET = 2


def qr_lines(data: str) -> list[str]:
    """The QR code of ``data``, two module rows per line: draw it dark on light
    (``█`` both rows dark, ``▀`` the top one, ``▄`` the bottom one, space neither)."""
    import segno

    code = segno.make(data, error="m", micro=False)
    rows = [[bool(m) for m in row] for row in code.matrix]
    width = len(rows[0]) + 2 * QUIET
    rows = (
        [[False] * width] * QUIET
        + [[False] * QUIET + row + [False] * QUIET for row in rows]
        + [[False] * width] * (QUIET + 1)
    )
    chars = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(chars[(top, bottom)] for top, bottom in zip(rows[y], rows[y + 1], strict=True))
        for y in range(0, len(rows) - 1, 2)
    ]
