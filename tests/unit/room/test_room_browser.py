"""The room in a real browser: Debian's headless ``chromium`` at a phone's size (390x844),
driven by selenium through ``chromium-driver`` (``.ci/run`` installs both when missing).

The phone opens the address the QR code carries (with the code), chooses its name, gives
three levels and a note on a case's page (the pages hold no script, and their
Content-Security-Policy would block one), and the test reads the participant's score file.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path

import pytest
import rtoml
from conftest import copy_paris

from sieve.room.room import Room
from sieve.room.server import RoomServer
from sieve.workbench import Workbench

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="chromium or chromium-driver is not installed (apt-get install chromium-driver)",
)

CASE = "carte-participative/kiosque"
PHONE = (390, 844)


class Served:
    """A room served from a thread of its own (selenium's calls block)."""

    def __init__(self, room: Room) -> None:
        self.server = RoomServer(room, "127.0.0.1", 0)
        self.loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(self.server.start())
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert started.wait(30)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)


def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--window-size={PHONE[0]},{PHONE[1]}",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "mobileEmulation",
        {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2}},
    )
    options.add_argument("--lang=fr-FR")  # a French phone: the pages follow its language
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    return webdriver.Chrome(options=options, service=Service(DRIVER))


def test_a_phone_joins_scores_three_cells_and_a_note(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    session = copy_paris(tmp_path)
    room = Room(Workbench(session, autosave=False))
    served = Served(room)
    driver = browser(tmp_path)
    try:
        driver.get(served.server.join_url)  # what the QR code carries
        assert driver.find_elements(By.TAG_NAME, "script") == []  # no JavaScript, none needed
        width = driver.get_window_size()["width"]
        assert driver.find_element(By.TAG_NAME, "h1").text == "Qui êtes-vous ?"
        driver.find_element(By.CSS_SELECTOR, "input[value='isabelle']").click()
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/cases"))
        assert "Vous notez en tant qu'Isabelle" in driver.page_source
        driver.find_element(By.CSS_SELECTOR, f"a[href='/score?key={CASE}']").click()
        for criterion, level in (
            ("interet-formation", "3"),
            ("variete-methodes", "2"),
            ("tenable-sessions", "x"),  # je ne sais pas
        ):
            radio = driver.find_element(
                By.CSS_SELECTOR, f"input[name='c.{criterion}'][value='{level}']"
            )
            label = radio.find_element(By.XPATH, "..")
            assert label.size["height"] >= 44  # a large target for a thumb
            label.click()  # a click on the label's words chooses the level
            assert radio.is_selected()
        note = driver.find_element(By.ID, "note")
        note.clear()
        note.send_keys("Tenable si le service suit — « oui » ?")
        driver.save_screenshot(str(tmp_path / "phone.png"))
        if os.environ.get("SIEVE_ROOM_SHOT"):
            driver.save_screenshot(os.environ["SIEVE_ROOM_SHOT"])
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: "saved=1" in d.current_url)
        assert "Enregistré." in driver.page_source
        assert width <= 500
    finally:
        driver.quit()
        served.stop()
    own = tmp_path / "sessions" / "paris-scores" / "isabelle.toml"
    data = rtoml.loads(own.read_text(encoding="utf-8"))
    row = data["scores"]["isabelle"][CASE]
    assert row["interet-formation"] == 3 and row["variete-methodes"] == 2
    assert "tenable-sessions" not in row
    assert data["notes"]["isabelle"][CASE] == "Tenable si le service suit — « oui » ?"
    assert (tmp_path / "phone.png").stat().st_size > 5000


def test_a_phone_votes_on_two_cases(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from sieve.load.session import load_session

    session = copy_paris(tmp_path)
    room = Room(Workbench(session, autosave=False))
    room.open_vote()
    served = Served(room)
    driver = browser(tmp_path)
    kiosque, troc = "carte-participative/kiosque", "echange-local/trocateur"
    try:
        driver.get(served.server.join_url)
        driver.find_element(By.CSS_SELECTOR, "input[value='mehdi']").click()
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/cases"))
        driver.find_element(By.CSS_SELECTOR, "a[href='/vote']").click()
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/vote"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "Vote"
        assert driver.find_elements(By.TAG_NAME, "script") == []
        for case, level in ((kiosque, "5"), (troc, "1")):
            radio = driver.find_element(By.CSS_SELECTOR, f"input[name='m.{case}'][value='{level}']")
            label = radio.find_element(By.XPATH, "..")
            assert label.size["height"] >= 44  # a large target for a thumb
            label.click()
            assert radio.is_selected()
        legend = driver.find_element(By.CSS_SELECTOR, "fieldset legend")
        assert legend.text.startswith("Prototyper un kiosque citoyen")  # the ballot's first
        if os.environ.get("SIEVE_VOTE_SHOT"):
            driver.save_screenshot(os.environ["SIEVE_VOTE_SHOT"])
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: "saved=1" in d.current_url)
        assert "Vote enregistré." in driver.page_source
        checked = driver.find_element(By.CSS_SELECTOR, f"input[name='m.{kiosque}'][value='5']")
        assert checked.is_selected()  # the page shows the phone's own mentions again
    finally:
        driver.quit()
        served.stop()
    loaded = load_session(session).session
    assert loaded is not None and loaded.votes == {"mehdi": {kiosque: 5, troc: 1}}
