"""``sieve room SESSION``: prints the address and the code, serves, obeys its standard
input (``lock``, ``quit``), stops cleanly on ctrl+c; a taken port is a clear exit 2."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from conftest import copy_paris


def start(session: Path, *args: str) -> tuple[subprocess.Popen, str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "sieve", "room", str(session), "--port", "0", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = child.stdout.readline()
    url = re.search(r"(http://\S+)", first).group(1)
    return child, url


def test_the_command_serves_obeys_and_stops_on_quit(tmp_path: Path) -> None:
    session = copy_paris(tmp_path)
    child, url = start(session)
    try:
        assert "?code=" in url
        with urllib.request.urlopen(url, timeout=20) as page:  # the QR code's address
            assert page.status == 200 and "Qui êtes-vous" in page.read().decode()
        out, err = child.communicate("lock\nquit\n", timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "notation close" in out and "Salle fermée." in out
    rounds = re.findall(r'event = "(\w+)"', session.read_text(encoding="utf-8"))
    assert rounds == ["opened", "closed"]


def test_ctrl_c_stops_cleanly_and_a_taken_port_is_refused(tmp_path: Path) -> None:
    session = copy_paris(tmp_path)
    child, url = start(session)
    try:
        port = url.split(":")[2].split("/")[0]
        taken = subprocess.run(
            [sys.executable, "-m", "sieve", "room", str(session), "--port", port],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert taken.returncode == 2 and "Impossible d'écouter" in taken.stderr
        assert "le port est déjà pris (une autre salle est ouverte ?)" in taken.stderr
        assert "Errno" not in taken.stderr and "address already in use" not in taken.stderr
        assert "Traceback" not in taken.stderr
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0 and "Salle fermée." in out
    assert "Traceback" not in err


def _phone_votes(url: str, case: str, level: str) -> int:
    """A phone joins with the QR code's address as Agnès and votes ``level`` on ``case``."""
    import urllib.parse

    opener, form = _phone_claims(url)
    data = urllib.parse.urlencode({"form": form, f"m.{case}": level}).encode()
    with opener.open(url.split("?")[0] + "vote", data, timeout=20) as page:
        return page.status


def _phone_claims(url: str):
    """A phone joins with the QR code's address as Agnès: its opener and form value."""
    import http.cookiejar
    import urllib.parse

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    base = url.split("?")[0]

    def form_of(page: str) -> str:
        return re.search(r'name="form" value="([^"]+)"', page).group(1)

    with opener.open(url, timeout=20) as page:
        form = form_of(page.read().decode())
    data = urllib.parse.urlencode({"form": form, "scorer": "agnes"}).encode()
    opener.open(base + "claim", data, timeout=20).close()
    return opener, form


def _until(child: subprocess.Popen, words: str) -> str:
    """Read the command's output up to the line holding ``words``."""
    while True:
        line = child.stdout.readline()
        assert line, f"the command ended before printing {words!r}"
        if words in line:
            return line


def test_vote_open_and_close_on_standard_input(tmp_path: Path) -> None:
    session = copy_paris(tmp_path)
    case = "carte-participative/kiosque"
    child, url = start(session)
    try:
        child.stdin.write("status\nvote open\n")
        child.stdin.flush()
        assert "vote fermé, 0 votant·es" in _until(child, "participant·es")
        assert "vote ouvert, 0 votant·es" in _until(child, "participant·es")
        assert _phone_votes(url, case, "5") == 200
        out, err = child.communicate("status\nvote close\nvote nope\nquit\n", timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    lines = [line for line in out.splitlines() if "participant·es" in line]
    assert "vote ouvert, 1 votant·es" in lines[0] and "vote fermé, 1 votant·es" in lines[1]
    assert "vote open" in err and "vote close" in err  # the usage for "vote nope"
    assert "Traceback" not in err
    assert 'scale = "mention"' in session.read_text(encoding="utf-8")
    state = (tmp_path / "sessions" / "paris-scores" / ".room.json").read_text(encoding="utf-8")
    assert '"vote_open": false' in state
    from sieve.load.session import load_session

    assert load_session(session).session.votes == {"agnes": {case: 5}}


def test_a_port_out_of_range_is_a_clear_exit_2(tmp_path: Path) -> None:
    """``--port 99999`` was an OverflowError's traceback, exit 1."""
    session = copy_paris(tmp_path)
    for port in ("99999", "-1", "abc"):
        done = subprocess.run(
            [sys.executable, "-m", "sieve", "room", str(session), "--port", port],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, (port, done.stderr)
        assert "Traceback" not in done.stderr
        assert f"port invalide : {port} (un nombre de 0 à 65535 attendu)" in done.stderr


def test_free_an_unknown_name_says_so_with_the_names_taken(tmp_path: Path) -> None:
    session = copy_paris(tmp_path)
    child, url = start(session)
    try:
        _phone_claims(url)  # Agnès holds her name
        out, err = child.communicate("free zorro\nfree clemence\nquit\n", timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "Nom inconnu dans la séance : zorro (noms pris : Agnès)" in err
    assert "Aucun téléphone ne tient ce nom : clemence (noms pris : Agnès)" in err
    assert "participant·es" not in out  # not the status line
