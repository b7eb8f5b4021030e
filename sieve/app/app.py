"""SieveApp: the shell that opens a session and hosts the screens.

The app holds one :class:`sieve.workbench.Workbench` (the open session). Main
screens are Textual *modes* registered in :mod:`sieve.app.screens`; each gets a
key, a command-palette entry and a line in the help screen. Edits are applied in
memory at once and saved by a worker thread, so that a keystroke repaints without
waiting for the disk; a file changed by someone else is noticed (every two
seconds, and when the terminal regains focus) and offered to be reloaded, never
overwritten.

Bindings (everywhere): the screen keys of the registry (``1``, ``2``, ``3``,
``6``, ``p``...), ``?``/``f1`` help, ``b`` blind mode on/off, ``u``/``ctrl+z`` undo,
``ctrl+r`` reload, ``R`` write the session's report, ``ctrl+p`` command palette, ``ctrl+q`` quit.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from sieve.app.bindings import localize
from sieve.app.screens import SCREENS
from sieve.errors import EditError, FileChangedError
from sieve.i18n import t
from sieve.text import literal
from sieve.workbench import Edit, FilesEdit, Workbench

#: Seconds between two looks at the files' digests.
POLL_SECONDS = 2.0

#: How many notices :attr:`SieveApp.notices` keeps (the oldest are dropped first).
NOTICES_KEPT = 100


def settle_memory() -> None:
    """Collect the garbage, then freeze what is left (the session just loaded, the
    screens) out of the collector's sight.

    A large session is tens of thousands of long-lived objects, and a screen rebuilt
    from it makes tens of thousands of short-lived ones (6,663 vigilance lines): each
    full collection they set off walked the session again (a third of the vigilance
    screen's rebuild). Called once per load, after the screen is painted; what was
    frozen before is unfrozen first, so the former session is collected with it.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class Notice:
    """One toast the app showed, as it was handed to Textual."""

    message: str
    """The text shown (already made literal)."""
    severity: str
    """``information``, ``warning`` or ``error``."""
    title: str = ""
    markup: bool = False
    """Whether Textual was asked to read markup in it (never: file text is literal)."""


def _sieve_commands():
    """The palette's provider of sieve's commands, imported when the palette first opens
    (Textual calls a provider source that is not a class)."""
    from sieve.app.commands import SieveCommands

    return SieveCommands


#: The mode shown for an instant while another session replaces the open one.
_SWITCHING = "_switching"


class SieveApp(App[int]):
    """The sieve app.

    Args:
        path: the session file to open (``None`` with ``sessions``: pick first).
        sessions: session files to pick from (``sieve FOLDER``).
        watch: poll the files for changes made by others.
    """

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    #: The app starts in the first main screen's mode: that screen is mounted with the
    #: app and built from the session loaded before (``on_load``), instead of a blank
    #: default screen followed by a switch of mode (which restyles every widget, holds
    #: repaints for 50 ms, and lays the screen out and paints it again).
    DEFAULT_MODE = SCREENS[0].name
    BINDINGS = [
        Binding("question_mark,f1", "help", "app.key.help", key_display="?"),
        Binding("b", "toggle_blind", "app.key.blind", show=False),
        Binding("u,ctrl+z", "undo", "app.key.undo", show=False),
        Binding("ctrl+r", "reload", "app.key.reload", show=False),
        Binding("R", "report", "app.key.report", show=False),
    ]

    def __init__(
        self,
        path: Path | None = None,
        sessions: list[Path] | None = None,
        watch: bool = True,
    ) -> None:
        self.COMMANDS = App.COMMANDS | {_sieve_commands}
        super().__init__()
        self.path = Path(path) if path is not None else None
        """The session file open (or to open)."""
        self.sessions = sessions or []
        """Session files offered in the picker."""
        self.watch = watch
        self.workbench: Workbench | None = None
        """The open session (``None`` before one is chosen)."""
        self.blind = False
        self.room_server = None
        """The room's server (:mod:`sieve.room`) once the Room screen opened it."""
        """Blind mode: group results are hidden until the facilitator reveals them."""
        self.previous_mode: str | None = None
        """The main screen shown before the current one (to come back from presentation)."""
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        """The last toasts notified, oldest first (every notify of a screen lands here)."""
        self.tamis_baseline: dict[Path, tuple[int, str]] = {}
        """Per tamis file edited in this run: its ``version`` and digest before the first edit."""
        self._asking_reload = False
        self._guided: set[Path] = set()
        """Sessions whose first-steps guide was shown (once per session and run)."""
        self._declined: dict[Path, str | None] = {}
        self.title = "sieve"
        localize(self)
        for entry in SCREENS:
            self.add_mode(entry.name, entry.factory())
            self.bind(
                entry.key, f"show('{entry.name}')", description=t(entry.title_key), show=False
            )

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the current language."""
        from sieve.app.commands import SievePalette

        if self.use_command_palette and not SievePalette.is_open(self):
            self.push_screen(
                SievePalette(id="--command-palette", placeholder=t("app.cmd.placeholder"))
            )

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands, worded in the current language."""
        yield SystemCommand(t("app.cmd.theme"), t("app.cmd.theme.help"), self.action_change_theme)
        yield SystemCommand(t("app.cmd.quit"), t("app.cmd.quit.help"), self.action_quit)
        yield SystemCommand(
            t("app.cmd.screenshot"),
            t("app.cmd.screenshot.help"),
            lambda: self.set_timer(0.1, self.take_screenshot),
        )

    def take_screenshot(self, folder: Path | None = None) -> Path | None:
        """Save the screen as SVG in ``folder`` (the current folder); say where, or why not."""
        from sieve.app.screenshot import save_svg

        folder = Path.cwd() if folder is None else folder
        try:
            written = save_svg(self.export_screenshot(title="sieve"), folder)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError):
                reason = t("app.screenshot.no_folder")
            elif isinstance(exc, PermissionError):
                reason = t("app.screenshot.denied")
            else:
                reason = exc.strerror or str(exc)
            self.notify(t("app.screenshot.failed", folder=folder, reason=reason), severity="error")
            return None
        self.notify(t("app.screenshot.saved", path=written), timeout=5)
        return written

    def notify(
        self,
        message: object,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast; its text is always shown literally, never parsed as markup.

        Messages carry file text (ids, labels, paths, problems): a ``Text`` or a
        ``str`` with ``[`` would crash or act as markup in Textual's toast. Screens'
        ``notify`` calls come here too (Textual's ``Widget.notify`` calls the app's),
        and each toast is kept in :attr:`notices`.
        """
        notice = Notice(literal(str(message), one_line=False), severity, literal(str(title)))
        self.notices.append(notice)
        super().notify(
            notice.message,
            title=notice.title,
            severity=severity,
            timeout=timeout,
            markup=notice.markup,
        )

    # -- opening -------------------------------------------------------------------

    def on_load(self) -> None:
        # read before the screens are mounted, so that the first one is built (and
        # painted) once, with the session
        if self.path is not None:
            self.workbench = Workbench(self.path, autosave=False)
            if self.workbench.session is not None:
                self.sub_title = literal(self.workbench.session.title)  # (a repaint, set later)

    def on_mount(self) -> None:
        if self.path is None and self.sessions:
            from sieve.app.screens.picker import SessionPicker

            self.push_screen(SessionPicker(self.sessions), self._picked)
        elif self.path is not None:
            self._after_load()
        if self.watch:
            self.set_interval(POLL_SECONDS, self.check_disk)
        self.call_later(self.call_later, self._first_paint)  # after the start's resize

    def _first_paint(self) -> None:
        """Paint the first screen at once, now that Textual's start-up is over.

        The first screen is laid out during Textual's start-up batch (it is mounted with
        the app), when nothing is written; left alone, its one frame would wait for the
        screen's update timer, whose first tick comes a whole period (1/60 s) after it
        starts: about 15 ms of an idle start. This does now what that tick would do.
        """
        screen = self.screen
        if not self._batch_count and screen.is_current and screen.is_mounted:
            screen._on_timer_update()

    def _picked(self, path: Path | None) -> None:
        if path is None:
            self.exit(0)
            return
        self.open_session(path)

    def open_session(self, path: Path) -> None:
        """Load a session; show the matrix, or the error screen for bad files."""
        self.path = Path(path)
        self.workbench = Workbench(self.path, autosave=False)
        self._after_load()

    def switch_session(self, path: Path) -> None:
        """Open another session in place of this one (its pending edits written first).

        Every main screen is made anew, so that nothing shown belongs to the old session;
        the undo history goes with the old session.
        """
        from textual.screen import Screen

        if self.workbench is not None and self.workbench.ok:
            self.workbench.flush()
        while len(self.screen_stack) > 1 and self.screen.is_modal:
            self.pop_screen()
        self.path = Path(path)
        self.workbench = Workbench(self.path, autosave=False)
        self.previous_mode = None
        self.tamis_baseline = {}
        self._declined = {}
        self.add_mode(_SWITCHING, Screen)  # a blank screen while the others are made anew
        self.switch_mode(_SWITCHING)
        for entry in SCREENS:
            self.remove_mode(entry.name)
            self.add_mode(entry.name, entry.factory())
        self.switch_mode(SCREENS[0].name)
        self.remove_mode(_SWITCHING)
        self._after_load()
        if self.workbench.session is not None:
            self.notify(t("app.session.opened", title=self.workbench.session.title), timeout=3)

    def _after_load(self) -> None:
        wb = self.workbench
        assert wb is not None
        if not wb.ok:
            from sieve.app.screens.errors import ErrorScreen

            self.push_screen(ErrorScreen(wb.path, wb.problems))
            return
        session = wb.session
        assert session is not None
        self.sub_title = literal(session.title)
        self.update_views()
        self.call_after_refresh(settle_memory)
        if not session.cases and wb.path not in self._guided:  # a session begun from nothing
            from sieve.app.screens.guide import GuideScreen

            self._guided.add(wb.path)
            self.push_screen(GuideScreen(session))

    def update_views(self) -> None:
        """Repaint the current screen (and the screens under it) from the workbench,
        each one only if what it shows changed (see ``SieveScreen.refresh_if_changed``)."""
        from sieve.app.screens.base import SieveScreen

        if self.workbench is None or not self.workbench.ok:
            return
        for screen in self.screen_stack:
            if isinstance(screen, SieveScreen):
                screen.refresh_if_changed()

    # -- actions -------------------------------------------------------------------

    def action_show(self, name: str) -> None:
        """Show a main screen of the registry."""
        if self.workbench is None or not self.workbench.ok:
            return
        while len(self.screen_stack) > 1 and self.screen.is_modal:
            self.pop_screen()
        if name != self.current_mode:
            if self.current_mode != "presentation":
                self.previous_mode = self.current_mode
            self.switch_mode(name)

    def jump_to(self, key: str, criterion: str | None = None) -> None:
        """Show the matrix with the cursor on a subject or case (and a criterion)."""
        from sieve.app.widgets.matrix import MatrixView

        self.action_show("matrix")
        self.screen.query_one(MatrixView).move_to(key, criterion)

    def action_help(self) -> None:
        from sieve.app.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        names = {item.name: item.title_key for item in SCREENS}
        title = names.get(self.current_mode) if not screen.is_modal else None
        self.push_screen(HelpScreen(screen, t(title) if title else ""))

    async def action_quit(self) -> None:
        """Quit; while the room is open, only after a yes (the phones would lose it)."""
        server = self.room_server
        if server is None or not server.running:
            self.exit()
            return
        from rich.text import Text

        from sieve.app.screens.forms import ConfirmDialog

        async def answered(yes: bool | None) -> None:
            if yes:
                await server.stop()
                server.room.save()
                self.exit()

        question = Text(t("app.quit.room_open"))
        detail = Text(t("app.quit.room_detail"))
        self.push_screen(ConfirmDialog(question, detail, t("app.quit.yes")), answered)

    def action_toggle_blind(self) -> None:
        self.set_blind(not self.blind)

    def set_blind(self, blind: bool) -> None:
        """Hide (``True``) or reveal the group results on every screen."""
        self.blind = blind
        self.notify(t("app.blind.on" if blind else "app.blind.off"), timeout=3)
        self.update_views()

    def action_report(self) -> None:
        """Write the session's report (HTML, :mod:`sieve.render.report`) in the current
        folder; refused in blind mode, since the report shows every result."""
        if self.workbench is None or not self.workbench.ok:
            return
        if self.blind:
            self.notify(t("app.report.blind"), severity="warning", timeout=6)
            return
        self.notify(t("app.report.writing"), timeout=2)
        self.write_report(Path.cwd())

    @work(thread=True, exclusive=True, group="report")
    def write_report(self, folder: Path) -> None:
        """Write the report in ``folder`` off the UI thread (pending edits are saved first)."""
        wb = self.workbench
        assert wb is not None
        try:
            written = wb.write_report(folder)
        except FileChangedError as exc:
            self.call_from_thread(self._save_refused, exc.path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if isinstance(exc, FileNotFoundError):
                reason = t("app.screenshot.no_folder")
            elif isinstance(exc, PermissionError):
                reason = t("app.screenshot.denied")
            message = t("app.report.failed", folder=folder, reason=reason)
            self.call_from_thread(self.notify, message, severity="error", timeout=8)
        else:
            self.call_from_thread(self.notify, t("app.report.saved", path=written), timeout=8)

    def action_undo(self) -> None:
        if self.workbench is None or not self.workbench.ok:
            return
        try:
            edit = self.workbench.undo()
        except FileChangedError as exc:  # someone changed the files since: keep theirs
            self._save_refused(exc.path)
            return
        except EditError as exc:  # a cell changed since by a phone: keep its value
            self.notify(t(exc.code, **exc.params), severity="error", timeout=8)
            return
        if edit is None:
            self.notify(t("app.undo.nothing"), timeout=2)
            return
        self.edited(edit, undone=True)

    def action_reload(self) -> None:
        self.reload()

    def reload(self, quiet: bool = False) -> None:
        """Read every file again (edits not yet saved are dropped).

        Screens that write files themselves (through :mod:`sieve.save`) call this
        with ``quiet=True`` afterwards to show the result.
        """
        if self.workbench is None:
            return
        while len(self.screen_stack) > 1 and self.screen.is_modal:
            self.pop_screen()
        self.workbench.reload()
        self._declined = {}
        from sieve.app.screens.errors import ErrorScreen

        if isinstance(self.screen, ErrorScreen) and self.workbench.ok:
            self.pop_screen()
        self._after_load()
        if not quiet:
            self.notify(t("app.reloaded"), timeout=2)

    # -- edits ---------------------------------------------------------------------

    def tamis_modified_since(self) -> int | None:
        """The version the open tamis is marked modified since, or ``None``.

        The app does not renumber a tamis itself (its owners give a version to a set
        of changes, not to each keystroke): after an edit made here it is marked
        "modified since version N" until its file again holds what version N held
        (undo) or its ``version`` changes.
        """
        session = self.workbench.session if self.workbench is not None else None
        if session is None or session.tamis.path not in self.tamis_baseline:
            return None
        version, digest = self.tamis_baseline[session.tamis.path]
        if session.tamis.version != version:
            del self.tamis_baseline[session.tamis.path]
            return None
        return version if session.tamis.digest != digest else None

    def tamis_editing(self) -> None:
        """Before a structural edit: note what the tamis is (see :meth:`tamis_modified_since`)."""
        session = self.workbench.session if self.workbench is not None else None
        if session is not None and session.tamis.path not in self.tamis_baseline:
            tamis = session.tamis
            self.tamis_baseline[tamis.path] = (tamis.version, tamis.digest)

    def set_score(self, scorer: str, key: str, criterion: str, level: int | None) -> bool:
        """Record a level (``None``: abstain) and save it in the background.

        Returns ``False`` when the level was refused (the user was told why).
        """
        assert self.workbench is not None
        try:
            edit = self.workbench.set_score(scorer, key, criterion, level)
        except EditError as exc:
            self.notify(t(exc.code, **exc.params), severity="error")
            return False
        if edit is not None:
            self.edited(edit)
        return True

    def set_note(self, scorer: str, key: str, text: str | None) -> None:
        assert self.workbench is not None
        edit = self.workbench.set_note(scorer, key, text)
        if edit is not None:
            self.edited(edit)

    def edited(self, edit: Edit | FilesEdit, undone: bool = False) -> None:
        """After an edit: repaint, then save in the background."""
        self.update_views()
        if undone:
            self.notify(t("app.undo.done"), timeout=2)
        # save once the repaint is on screen, so that the writer thread never delays it
        self.call_after_refresh(self.save_pending)

    @work(thread=True, exclusive=False, group="save")
    def save_pending(self) -> None:
        wb = self.workbench
        if wb is None:
            return
        try:
            wb.flush()
        except FileChangedError as exc:
            self.call_from_thread(self._save_refused, exc.path)
        except (EditError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")

    def _save_refused(self, path: Path) -> None:
        self.notify(t("app.save.refused", path=path), severity="error", timeout=8)
        self.check_disk(force=True)

    # -- files changed on disk ------------------------------------------------------

    def on_app_focus(self) -> None:
        self.check_disk()

    def check_disk(self, force: bool = False) -> None:
        """Offer to reload when a file was changed by someone else."""
        wb = self.workbench
        if wb is None or self._asking_reload:
            return
        changed = wb.changed_on_disk()
        if not changed:
            return
        if not wb.ok:  # the error screen: nothing open to lose, show the fixed files at once
            self.reload()
            return
        from sieve.workbench import file_digest

        now = {path: file_digest(path) for path in changed}
        if not force and all(self._declined.get(p, "-") == d for p, d in now.items()):
            return
        from sieve.app.screens.dialogs import ReloadDialog

        self._asking_reload = True

        def answered(reload: bool | None) -> None:
            self._asking_reload = False
            if reload:
                self.reload()
            else:
                self._declined.update(now)

        self.push_screen(ReloadDialog(changed, wb.pending), answered)
