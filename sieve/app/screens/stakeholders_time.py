"""The stakeholders screen's controls of time: the date shown, assessments and stances.

A mixin of :class:`sieve.app.screens.stakeholders.StakeholdersScreen` (its bindings
are declared there): ``[`` and ``]`` step through the dates the map changes on, ``d``
takes a date typed in, ``h`` and ``s`` add an assessment or a stance of the selected
person through the Workbench's edits (lossless, undoable).
"""

from __future__ import annotations

import datetime as _dt

from rich.text import Text

from sieve.app.screens.forms import Field, FormDialog
from sieve.app.text import plain
from sieve.app.widgets.trajectory import trajectory_text
from sieve.i18n import t
from sieve.model import POWER_INTEREST_RANGE, STAKEHOLDER_ROLES, STANCE_POSITIONS
from sieve.timeline import dates_of
from sieve.workbench import EDITS as edit


class TimeControls:
    """The date control and the forms of the map's history (mixed into the screen).

    Bindings (declared by the screen):
        | Key | Description |
        | :- | :- |
        | [, ] | The map on the previous or next date it changes on (all views follow). |
        | d | The map on a date typed in (empty: now, after every dated entry). |
        | t | Trajectory of the selected person: dated assessments, ties, stances. |
        | h | Add an assessment of the selected person (role, power, interest from a date). |
        | s | Add a stance of the selected person on a subject. |
    """

    at: _dt.date | None = None
    """The date the map is shown at (``None``: after every dated entry)."""
    analysed_at: _dt.date | None = None
    """The date the analyses were computed at."""

    def date_label(self, head: Text, analysis) -> None:
        """On a dated map, the date shown, in the screen's bar."""
        if analysis.history is None:
            return
        when = (
            t("time.app.latest")
            if analysis.at is None
            else t("time.app.at", date=analysis.at.isoformat())
        )
        head.append(" " + when + " ", "bold reverse")
        head.append(" · ")

    def show_trajectory(self, analysis, ident: str | None) -> None:
        """The trajectory view of ``ident`` at the date analysed."""
        from textual.widgets import Static

        session = self.analysed
        text = (
            trajectory_text(session, ident, analysis.at)
            if ident and session is not None
            else Text(t("graph.report.empty"))
        )
        self.query_one("#trajectory-text", Static).update(text)

    # -- the date control ----------------------------------------------------------------

    def _dates(self) -> list[_dt.date]:
        session = self.analysed
        return dates_of(session) if session is not None else []

    def show_at(self, at: _dt.date | None) -> None:
        """Move the map to ``at`` (``None``: after every dated entry); the analyses rerun."""
        if at == self.at:
            return
        self._wanted = self.selected
        self.at = at
        self.update_view()

    def action_step(self, step: int) -> None:
        """The previous (``-1``) or next (``1``) date the map changes on; before the first
        one, the day before it (the start); after the last one, the map after every dated
        entry."""
        dates = self._dates()
        if not dates:
            self.app.notify(t("time.app.no_dates"))
            return
        # the day before the first change shows the map at the start
        stops: list[_dt.date | None] = [dates[0] - _dt.timedelta(days=1), *dates, None]
        if self.at is None:
            here = len(stops) - 1
        else:
            # between two stops: the earlier one counts as here
            here = max((i for i, d in enumerate(stops[:-1]) if d <= self.at), default=0)
            if self.at < stops[0] and step > 0:  # type: ignore[operator]
                here = -1
        self.show_at(stops[min(max(here + step, 0), len(stops) - 1)])

    def action_pick_date(self) -> None:
        shown = "" if self.at is None else self.at.isoformat()

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            text = answer["date"].strip()
            if not text:
                self.show_at(None)
                return
            day = _parse_day(text)
            if day is None:
                self.app.notify(t("time.app.bad_date", value=text), severity="error")
                return
            self.show_at(day)

        fields = [Field("date", t("time.app.field.date"), shown)]
        self.app.push_screen(FormDialog(Text(t("time.app.date_title")), fields), done)

    # -- assessments and stances ---------------------------------------------------------

    def action_assess(self) -> None:
        session = self._session()
        ident = self.selected
        if session is None or ident is None:
            return
        unchanged = (t("time.app.unchanged"), "")
        low, high = POWER_INTEREST_RANGE
        levels = (unchanged,) + tuple(
            (t(f"app.people.level.{n}"), str(n)) for n in range(low, high + 1)
        )
        roles = (unchanged,) + tuple((t(f"graph.role.{r}"), r) for r in STAKEHOLDER_ROLES)
        day = self.at or (self._dates() or [None])[-1] or _dt.date.today()
        fields = [
            Field("date", t("time.app.field.when"), day.isoformat()),
            Field("role", t("time.app.field.role"), "", roles),
            Field("power", t("time.app.field.power"), "", levels),
            Field("interest", t("time.app.field.interest"), "", levels),
            Field("note", t("time.app.field.note"), ""),
        ]

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            when = _parse_day(answer["date"].strip())
            if when is None:
                self.app.notify(t("time.app.bad_date", value=answer["date"]), severity="error")
                return
            self._wanted = ident
            self.run_edit(
                edit.add_assessment,
                ident,
                when,
                role=answer["role"] or None,
                power=int(answer["power"]) if answer["power"] else None,
                interest=int(answer["interest"]) if answer["interest"] else None,
                note=answer["note"].strip(),
            )

        title = plain(t("time.app.assess_title", name=session.people[ident].name))
        self.app.push_screen(FormDialog(title, fields), done)

    def action_stance(self) -> None:
        session = self._session()
        ident = self.selected
        if session is None or ident is None:
            return
        if not session.subjects:
            self.app.notify(t("time.app.no_subject"))
            return
        subjects = tuple((plain(s.title), s.id) for s in session.subjects.values())
        positions = tuple((t(f"time.position.{p}"), p) for p in STANCE_POSITIONS)
        fields = [
            Field("subject", t("time.app.field.subject"), next(iter(session.subjects)), subjects),
            Field("position", t("time.app.field.position"), "support", positions),
            Field(
                "date",
                t("time.app.field.when_optional"),
                "" if self.at is None else self.at.isoformat(),
            ),
            Field("note", t("time.app.field.note"), ""),
        ]

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            text = answer["date"].strip()
            when = _parse_day(text) if text else None
            if text and when is None:
                self.app.notify(t("time.app.bad_date", value=text), severity="error")
                return
            self._wanted = ident
            self.run_edit(
                edit.add_stance,
                ident,
                answer["subject"],
                answer["position"],
                when,
                note=answer["note"].strip(),
            )

        title = plain(t("time.app.stance_title", name=session.people[ident].name))
        self.app.push_screen(FormDialog(title, fields), done)


def _parse_day(text: str) -> _dt.date | None:
    """``YYYY-MM-DD`` as a date, or ``None``."""
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if len(text) == 10 else None
