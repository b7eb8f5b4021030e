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
        assert "Traceback" not in taken.stderr
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0 and "Salle fermée." in out
    assert "Traceback" not in err
