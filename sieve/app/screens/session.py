"""The session itself: its title, city and date, the people who score, and other sessions.

Every edit goes through :data:`sieve.workbench.EDITS` (lossless, undoable with ``u``).
A scorer keeps their id when renamed (their levels stay theirs); removing one who has
levels asks first, saying how many go with them.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.forms import ConfirmDialog, Field, FormDialog
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import t
from sieve.workbench import EDITS as edit


class SessionScreen(EditingScreen):
    """The session's header and its scorers; open another session of the workspace."""

    DEFAULT_CSS = """
    SessionScreen #session-head { height: auto; padding: 0 1 1 1; }
    SessionScreen #scorers { height: 1fr; }
    """

    BINDINGS = [
        Binding("e", "edit_session", "app.session.key.edit"),
        Binding("a", "add_scorer", "app.session.key.add"),
        Binding("r", "rename_scorer", "app.session.key.rename"),
        Binding("delete", "remove_scorer", "app.session.key.remove", key_display="⌦"),
        Binding("o", "open_other", "app.session.key.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        yield Static(id="session-head")
        yield Static(Text(t("app.session.scorers"), style="bold"), classes="bar")
        yield OptionList(id="scorers")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    def update_view(self) -> None:
        session = self.session
        if session is None:
            return
        bar = Text(t("app.screen.session") + " · ", style="bold")
        bar.append_text(plain(session.title))
        self.query_one("#bar", Static).update(bar)
        head = Text()
        for key, value in (
            ("app.session.title", session.title),
            ("app.session.city", session.city or "–"),
            ("app.session.date", session.date.isoformat() if session.date else "–"),
            ("app.session.tamis", f"{session.tamis.id} v{session.tamis.version}"),
            ("app.session.file", str(session.path)),
        ):
            head.append(t(key) + t("app.colon"), style="dim")
            head.append_text(plain(value))
            head.append("\n")
        self.query_one("#session-head", Static).update(head)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        names = {ident: scorer.name or ident for ident, scorer in session.scorers.items()}
        wide = (max(map(len, names.values()), default=0), max(map(len, names), default=0))
        for ident, name in names.items():
            refs = edit.scorer_references(session, ident)
            prompt = plain(name.ljust(wide[0]), style="bold")
            prompt.append("  ")
            prompt.append_text(plain(ident.ljust(wide[1]), style="dim"))
            prompt.append("  " + t("app.session.given", scores=refs.scores, notes=refs.notes))
            options.add_option(Option(prompt, id=ident))
        if not session.scorers:
            options.add_option(Option(Text(t("app.session.none"), style="italic"), disabled=True))
        else:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def selected(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None and not option.disabled else None

    def _form(self, title: str, fields: list[Field], apply, error: str = "") -> None:  # type: ignore[no-untyped-def]
        """Ask ``fields`` and ``apply`` the answer; a refused answer is asked again, kept."""

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            self.edit_error = None
            apply(answer)
            if self.edit_error is not None:
                kept = [Field(f.name, f.label, answer.get(f.name, f.value)) for f in fields]
                self._form(title, kept, apply, self.edit_error)

        self.app.push_screen(FormDialog(title, fields, error), done)

    def action_edit_session(self) -> None:
        session = self.session
        if session is None:
            return
        fields = [
            Field("title", t("app.session.title"), session.title),
            Field("city", t("app.session.city"), session.city),
            Field(
                "date",
                t("app.session.date_field"),
                session.date.isoformat() if session.date else "",
            ),
        ]

        def apply(answer: dict[str, str]) -> None:
            raw = answer["date"].strip()
            try:
                date = _dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                self.edit_error = t("cli.error.bad_date", value=raw)
                self.notify(self.edit_error, severity="error")
                return
            self.run_edit(
                edit.set_session, title=answer["title"], city=answer["city"].strip(), date=date
            )

        self._form(t("app.session.edit_title"), fields, apply)

    def action_add_scorer(self) -> None:
        if self.session is None:
            return
        fields = [Field("name", t("app.session.name")), Field("id", t("app.session.id"))]

        def apply(answer: dict[str, str]) -> None:
            name = " ".join(answer["name"].split())
            self.run_edit(edit.add_scorer, name, answer["id"].strip() or None)

        self._form(t("app.session.add_title"), fields, apply)

    def action_rename_scorer(self) -> None:
        session, ident = self.session, self.selected()
        if session is None or ident is None:
            return
        fields = [Field("name", t("app.session.name"), session.scorers[ident].name)]

        def apply(answer: dict[str, str]) -> None:
            self.run_edit(edit.rename_scorer, ident, " ".join(answer["name"].split()))

        self._form(t("app.session.rename_title", id=ident), fields, apply)

    def action_remove_scorer(self) -> None:
        session, ident = self.session, self.selected()
        if session is None or ident is None:
            return
        refs = edit.scorer_references(session, ident)
        question = plain(t("app.session.remove", name=session.scorers[ident].name or ident))
        detail = (
            Text(t("app.session.remove_refs", scores=refs.scores, notes=refs.notes))
            if refs.total
            else None
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_edit(edit.remove_scorer, ident, drop_scores=True)

        self.app.push_screen(ConfirmDialog(question, detail), done)

    def action_open_other(self) -> None:
        """Pick another session of the workspace; it opens in place of this one."""
        from sieve.app.screens.picker import OtherSessionPicker

        wb = self.sieve.workbench
        if wb is None:
            return
        others = [p for p in wb.sessions_nearby() if p.resolve() != wb.path.resolve()]
        if not others:
            self.notify(t("app.session.no_other"), severity="warning")
            return

        def picked(path: Path | None) -> None:
            if path is not None:
                self.sieve.switch_session(path)

        self.app.push_screen(OtherSessionPicker(others), picked)
