"""The open session as a controller: what the app (or any front end) edits and shows.

A :class:`Workbench` holds the loaded session, its evaluation, the edits made since
it was opened and an undo stack. It never imports Textual.

Two copies of the session are kept:

- :attr:`Workbench.session` is what the user sees: every edit is applied to it at
  once (a new ``Session`` built with :func:`dataclasses.replace` and copied score
  mappings, then re-evaluated: the edited subject's or case's results only, see
  :func:`sieve.engine.evaluate.reevaluate`), so that a keystroke repaints without
  reading files;
- ``_disk`` is the session as the files on disk hold it (the raw rows each file
  holds, and the digest of the bytes sieve last read or wrote). :meth:`flush`
  writes the pending edits through :mod:`sieve.save` against it, then records the
  digest of what it wrote, so that sieve's own write is never mistaken for an
  external change, while anybody else's write is refused, never overwritten.

With ``autosave`` (the default) every edit is flushed before the call returns; the
app turns it off and flushes in a worker thread so that saving never delays a repaint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sieve.engine.evaluate import Evaluation, collect_levels, evaluate, reevaluate
from sieve.errors import EditError, Problem
from sieve.load.session import SessionLoad, load_session
from sieve.load.tamis import load_tamis
from sieve.locations import read_regular, workspace_of
from sieve.model import CASE_SEPARATOR, Session, Tamis
from sieve.workbench_edits import (
    NOTE,
    SCORE,
    Edit,
    FilesEdit,
    LazyEdits,
    apply_edit,
    file_digest,
    row_of,
)

if TYPE_CHECKING:
    from sieve.plan.robust import Robustness

#: How many edits can be undone.
UNDO_DEPTH = 200
#: Draws of the app's Monte Carlo analysis (one, shared by the ranking and portfolio screens).
ROBUST_DRAWS = 2000


#: The structural edits of the files (tamis, cases, people) and of the portfolio (pins,
#: calendar): the screens hand them to :meth:`Workbench.edit_files`, which writes pending
#: scores first, reloads, and keeps the files' former bytes for undo.
EDITS = LazyEdits(
    "sieve.save.layout",
    "sieve.save.tamis",
    "sieve.save.cases",
    "sieve.save.people",
    "sieve.save.meta",
    "sieve.save.weighting",
    "sieve.save.history",
)
PLAN_EDITS = LazyEdits("sieve.save.plan")


class Workbench:
    """One open session: load, evaluate, edit, undo, save, notice changes on disk.

    Args:
        path: the session file.
        autosave: flush every edit to disk before returning (see :meth:`flush`).
    """

    def __init__(self, path: Path, autosave: bool = True) -> None:
        self.path = Path(path)
        """The session file."""
        self.autosave = autosave
        """Save each edit at once; when ``False`` the caller calls :meth:`flush`."""
        self.load: SessionLoad = SessionLoad(None, [])
        """The last load: the session (when usable) and every problem found."""
        self.evaluation: Evaluation | None = None
        """The results of :attr:`session`, recomputed after every edit."""
        self.undo_stack: list[Edit | FilesEdit] = []
        """The edits that :meth:`undo` can take back, the last one at the end."""
        self.weights: dict[str, float] | None = None
        """Weight overrides to preview a ranking before saving (``None``: the tamis's)."""
        self._disk: Session | None = None
        self._levels: dict[str, dict[str, list[int]]] = {}
        self._watched: dict[Path, str | None] = {}
        self._pending: list[Edit] = []
        self._pending_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._other_tamis: tuple[list, tuple[list[Tamis], list[Path]]] | None = None
        self._other_tamis_lock = threading.Lock()  # two screens' threads read them once
        self._robust: tuple[Evaluation, Robustness] | None = None
        self.homes: dict[str, Path] = {}
        """Scorer id -> the score file their new lines go to (the room's per-participant files)."""
        self.rebase = False
        """Make a one-cell score edit on a file changed by another writer when that cell did
        not change (:func:`sieve.save.scores.set_score`), instead of refusing it (the room)."""
        self.reload()

    # -- loading ---------------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The session as the user sees it (``None`` when the files have errors)."""
        return self.load.session

    @property
    def ok(self) -> bool:
        return self.load.session is not None

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the last load (warnings only, when the session is usable)."""
        return self.load.problems

    def reload(self) -> None:
        """Read every file again; pending (unsaved) edits and the undo stack are dropped."""
        with self._flush_lock:  # never while a save is being written
            self._reload()

    def _reload(self) -> None:
        with self._pending_lock:
            self._pending.clear()
        self.load = load_session(self.path)
        self.undo_stack.clear()
        session = self.load.session
        self._disk = session
        watched: dict[Path, str | None] = {}
        if session is not None:
            watched.update(session.digests)
        for path in self.load.files:
            if path not in watched:
                watched[path] = file_digest(path)
        self._watched = watched
        self._levels = collect_levels(session) if session is not None else {}
        self.evaluation = self._evaluate()

    def _evaluate(self) -> Evaluation | None:
        session = self.load.session
        if session is None:
            return None
        return evaluate(session, self.weights, self._levels)

    def _update_levels(self, edit: Edit) -> None:
        """Keep the levels given per (key, criterion) in step with one score edit."""
        cell = self._levels.setdefault(edit.key, {}).setdefault(edit.criterion, [])
        if edit.before is not None:
            cell.remove(edit.before)  # type: ignore[arg-type]
        if edit.after is not None:
            cell.append(edit.after)  # type: ignore[arg-type]

    def changed_on_disk(self) -> list[Path]:
        """The files read (session, tamis, score files) whose bytes changed since."""
        disk = self._disk
        known = dict(self._watched)
        if disk is not None:
            known.update(disk.digests)
        return [path for path, old in known.items() if file_digest(path) != old]

    # -- edits -----------------------------------------------------------------------

    def set_score(self, scorer: str, key: str, criterion: str, level: int | None) -> Edit | None:
        """Record a level (``None``: abstain); ``None`` when it was already so."""
        session = self._require()
        crit = session.tamis.by_id.get(criterion)
        if crit is None:
            raise EditError("edit.unknown", kind="criterion", id=criterion)
        if level is not None and (type(level) is not int or not 0 <= level <= crit.scale.top):
            raise EditError("edit.level", level=level, criterion=criterion, top=crit.scale.top)
        if scorer not in session.scorers:
            raise EditError("edit.unknown", kind="scorer", id=scorer)
        if crit.on_angle is not (CASE_SEPARATOR in key):
            raise EditError(
                "edit.applies", criterion=criterion, applies_to=crit.applies_to, key=key
            )
        before = session.scores.get(scorer, {}).get(key, {}).get(criterion)
        return self._do(Edit(SCORE, scorer, key, criterion, before, level))

    def record(
        self, scorer: str, key: str, levels: dict[str, int | None], note: str | None = None
    ) -> list[Edit]:
        """Record several levels of one scorer on one key, and (unless ``None``) their note,
        evaluating that key's cases again, once (a participant's page of the room);
        return the edits made.

        Not undoable: :meth:`undo` takes back the edits made at this keyboard, never a
        participant's answer saved from their phone. Everything is checked before anything
        is applied: an :class:`EditError` changes nothing.
        """
        from sieve.save.scores import check_key, check_score

        session = self._require()
        check_key(session, scorer, key)
        edits = []
        row = session.scores.get(scorer, {}).get(key, {})
        for criterion, level in levels.items():
            check_score(session, scorer, key, criterion, level)
            if row.get(criterion) != level:
                edits.append(Edit(SCORE, scorer, key, criterion, row.get(criterion), level))
        if note is not None:
            before = session.notes.get(scorer, {}).get(key)
            if before != (note or None):
                edits.append(Edit(NOTE, scorer, key, "", before, note or None))
        for edit in edits:
            self.load.session = apply_edit(self._require(), edit)
            if edit.kind == SCORE:
                self._update_levels(edit)
        if edits:
            previous = self.evaluation
            if previous is None:
                self.evaluation = self._evaluate()
            else:  # only this key's results can change (a note: none)
                keys = (key,) if any(e.kind == SCORE for e in edits) else ()
                self.evaluation = reevaluate(previous, self._require(), keys, self._levels)
            with self._pending_lock:
                self._pending.extend(edits)
            if self.autosave:
                self.flush()
        return edits

    def clear_score(self, scorer: str, key: str, criterion: str) -> Edit | None:
        """Abstain: remove a scorer's level."""
        return self.set_score(scorer, key, criterion, None)

    def set_note(self, scorer: str, key: str, text: str | None) -> Edit | None:
        """Write a scorer's note on a subject or case (``None`` or ``""`` removes it)."""
        session = self._require()
        if scorer not in session.scorers:
            raise EditError("edit.unknown", kind="scorer", id=scorer)
        before = session.notes.get(scorer, {}).get(key)
        return self._do(Edit(NOTE, scorer, key, "", before, text or None))

    def undo(self) -> Edit | FilesEdit | None:
        """Take back the last edit (saved like any edit); ``None`` when there is none.

        A structural edit (:meth:`edit_files`) is taken back by writing its files'
        former bytes; :class:`sieve.errors.FileChangedError` if one changed since.
        A score or note changed since by someone else (a phone in the room) is not put
        back: :class:`sieve.errors.EditError` ``edit.undo_changed``, and that edit is
        dropped from the stack (the next undo takes back the one before it).
        """
        if not self.undo_stack:
            return None
        edit = self.undo_stack.pop()
        if isinstance(edit, FilesEdit):
            self._undo_files(edit)
            return edit
        session = self._require()
        values = session.scores if edit.kind == SCORE else session.notes
        now = values.get(edit.scorer, {}).get(edit.key)
        if edit.kind == SCORE:
            now = (now or {}).get(edit.criterion)
        if now != edit.after:
            raise EditError("edit.undo_changed", scorer=edit.scorer, key=edit.key)
        self._apply(edit.inverse())
        return edit

    def _require(self) -> Session:
        if self.load.session is None:
            raise EditError("edit.unknown", kind="session", id=str(self.path))
        return self.load.session

    def _do(self, edit: Edit) -> Edit | None:
        if edit.before == edit.after:
            return None
        self._apply(edit)
        self.undo_stack.append(edit)
        del self.undo_stack[:-UNDO_DEPTH]
        return edit

    def _apply(self, edit: Edit) -> None:
        session = apply_edit(self._require(), edit)
        self.load.session = session
        if edit.kind == SCORE:
            self._update_levels(edit)
        previous = self.evaluation
        if previous is None:
            self.evaluation = self._evaluate()
        else:  # only the edited subject's or case's results can change (a note: none)
            keys = (edit.key,) if edit.kind == SCORE else ()
            self.evaluation = reevaluate(previous, session, keys, self._levels)
        with self._pending_lock:
            self._pending.append(edit)
        if self.autosave:
            self.flush()

    def set_weights(self, weights: dict[str, float] | None) -> None:
        """Preview the ranking with other weights (not saved)."""
        self.weights = weights
        self.evaluation = self._evaluate()

    def edit_files(
        self, operation: Callable[..., list[Path]], *args: object, undoable: bool = True, **kw
    ) -> list[Path]:
        """Run a structural edit of the files (a function of :data:`EDITS`), then reload.

        Pending score and note edits are written first; the operation then works
        on the session as the files hold it (so a file changed by someone else is
        refused), and everything is read again: the undo stack then holds this edit only,
        or, ``undoable=False`` (the room's writes), is kept as it was.
        """
        self.flush()
        disk = self._disk
        if disk is None:
            raise EditError("edit.unknown", kind="session", id=str(self.path))
        before = {}
        for path in dict.fromkeys([*disk.digests, *self.load.files]):
            try:
                before[Path(path)] = read_regular(Path(path))
            except OSError:
                continue
        kept = list(self.undo_stack)
        written = operation(disk, *args, **kw)
        self.reload()
        changed = {Path(p): before[Path(p)] for p in written if Path(p) in before}
        if not undoable:
            self.undo_stack[:] = kept
        elif changed:
            self.undo_stack.append(FilesEdit(changed, {p: file_digest(p) or "" for p in changed}))
        return written

    def record_decision(
        self, cases: Sequence[str], rationale: str, present: Sequence[str] = ()
    ) -> str:
        """Record a decision in the session's journal; undone like every structural edit.

        Returns the new decision's id. Raises :class:`~sieve.errors.EditError` for
        input the journal refuses (an unknown person...).
        """
        from sieve.save.journal import record_decision

        recorded: list[str] = []

        def operation(session: Session) -> list[Path]:
            ident, path = record_decision(session, cases, rationale, present)
            recorded.append(ident)
            return [path]

        self.edit_files(operation)
        return recorded[0]

    def set_vote(self, scorer: str, case: str, level: int | None) -> bool:
        """Record ``scorer``'s mention for ``case`` (``None``: remove it), undoable; ``False``
        when the file already held it; :class:`~sieve.errors.EditError` if refused."""
        return self._set_votes(scorer, {case: level}, undoable=True)

    def set_votes(self, scorer: str, mentions: dict[str, int | None]) -> bool:
        """A phone's vote page: several mentions in one write, not undoable (:meth:`undo`
        is this keyboard's); ``False`` when the file already held them all."""
        return self._set_votes(scorer, mentions, undoable=False)

    def _set_votes(self, scorer: str, mentions: dict[str, int | None], undoable: bool) -> bool:
        from sieve.save.vote import set_votes

        held = self._require().votes.get(scorer, {})
        changed = {case: level for case, level in mentions.items() if held.get(case) != level}
        if not changed:
            return False
        kept = [edit for edit in self.undo_stack if isinstance(edit, FilesEdit)]
        written = self.edit_files(set_votes, scorer, changed, undoable=undoable)
        if undoable:  # the earlier file edits stay undoable, as they were
            self.undo_stack[:0] = kept
            del self.undo_stack[:-UNDO_DEPTH]
        return bool(written)

    def vote(self):
        """The vote counted (:class:`sieve.engine.vote.VoteResult`), its default ballot the
        passing cases; without ``[vote]``, the empty vote the first mention will create on
        the tamis's ``mention`` scale, or ``None`` without one."""
        from sieve.engine.vote import count_vote
        from sieve.model import Vote
        from sieve.save.vote import vote_scale

        session, evaluation = self._require(), self.evaluation
        passing = [r.key for r in evaluation.passing] if evaluation is not None else None
        scale = vote_scale(session)
        if session.vote is None and scale is None:
            return None
        preview = None if session.vote is not None else Vote(session.tamis.scales[scale])
        return count_vote(session, passing, preview)

    def adopt(self, source: Path, criterion: str) -> list[tuple[str, str]]:
        """Adopt ``criterion`` from the tamis at ``source`` into ours; undoable.

        Returns the adopted criteria as ``(new id, id in the source)``. Raises
        :class:`~sieve.exchange.common.ExchangeError` for a criterion that cannot be
        adopted, :class:`~sieve.errors.SieveError` for a source that does not load.
        """
        from sieve.exchange.adopt import adopt

        adopted: list[tuple[str, str]] = []

        def operation(session: Session) -> list[Path]:
            result = adopt(source, session.tamis.path, [criterion])
            adopted.extend(result.added)
            return [session.tamis.path] if result.added else []

        self.edit_files(operation)
        return adopted

    def sessions_nearby(self) -> list[Path]:
        """The session files of the open session's workspace (its ``sessions/`` folder)."""
        from sieve.load.session import find_sessions

        return find_sessions(workspace_of(self.path))

    def other_tamis(self) -> tuple[list[Tamis], list[Path]]:
        """The other tamis of the workspace's ``criteria/`` folder, and the invalid ones.

        Read once, then again only when a file of that folder was added, removed or
        changed (its size or modification time): the Exchange screen repaints often.
        """
        session = self._require()
        ours = session.tamis.path.resolve()
        folder = workspace_of(session.path) / "criteria"
        paths = [p for p in sorted(folder.glob("*.toml")) if p.resolve() != ours]
        stamp = []
        for path in paths:
            try:
                info = path.stat()
                stamp.append((path, info.st_mtime_ns, info.st_size))
            except OSError:
                stamp.append((path, None, None))
        with self._other_tamis_lock:  # a second caller waits, then reuses the first's read
            if self._other_tamis is None or self._other_tamis[0] != stamp:
                found, skipped = [], []
                for path in paths:
                    tamis, _problems = load_tamis(path)
                    (skipped if tamis is None else found).append(tamis or path)
                self._other_tamis = (stamp, (found, skipped))
            return self._other_tamis[1]

    # -- robustness --------------------------------------------------------------------

    def robustness(self, stale: bool = False) -> Robustness | None:
        """The last Monte Carlo analysis (:class:`sieve.plan.robust.Robustness`) of the
        session as it is now, or ``None`` when none was run since the last edit.

        ``stale``: the last analysis even if an edit came after it (``None`` if never run).
        """
        cached = self._robust
        if cached is None or (not stale and cached[0] is not self.evaluation):
            return None
        return cached[1]

    def compute_robustness(self, progress: Callable[[float], None] | None = None) -> Robustness:
        """Run the Monte Carlo analysis of the session now (seconds: call it from a worker
        thread), once per state of the session: the ranking and the portfolio screens
        share it. ``progress`` is called with the fraction done.
        """
        from sieve.plan.robust import analyse

        session, evaluation = self._require(), self.evaluation
        cached = self._robust
        if cached is not None and cached[0] is evaluation:
            if progress is not None:
                progress(1.0)
            return cached[1]
        rob = analyse(session, draws=ROBUST_DRAWS, seed=0, progress=progress)
        if self.evaluation is evaluation:  # no edit came while it ran
            self._robust = (evaluation, rob)
        return rob

    def _undo_files(self, edit: FilesEdit) -> None:
        """Put back the files of a structural edit, unless someone changed them since."""
        from sieve.errors import FileChangedError
        from sieve.save.document import atomic_write, locked

        self.flush()
        try:
            with locked(*edit.after):  # no other writer between the check and the writes
                for path, expected in edit.after.items():
                    if file_digest(path) != expected:
                        raise FileChangedError(path)
                for path, data in edit.before.items():
                    atomic_write(path, data)
        except FileChangedError:  # changed since, or busy: nothing written, undo still possible
            self.undo_stack.append(edit)
            raise
        # The earlier file edits stay undoable: each checks its files still hold what it wrote.
        earlier = [e for e in self.undo_stack if isinstance(e, FilesEdit)]
        self.reload()
        self.undo_stack[:0] = earlier

    # -- the report ------------------------------------------------------------------

    def report(self, fmt: str = "html", lang: str | None = None) -> str:
        """The session's report (:mod:`sieve.render.report`) as its files hold it: pending
        edits are written first, so that the digests closing the report are the files'."""
        from sieve.render.report import render_report

        self.flush()
        disk = self._disk
        if disk is None:
            raise EditError("edit.unknown", kind="session", id=str(self.path))
        return render_report(disk, fmt, lang)

    def write_report(self, folder: Path, fmt: str = "html", lang: str | None = None) -> Path:
        """Write the report as a new file in ``folder``: ``STEM-SESSION.html``, or ``-2``,
        ``-3``... when that name is taken (another report is never replaced)."""
        from sieve.i18n import t
        from sieve.save.document import atomic_write

        text = self.report(fmt, lang)
        assert self._disk is not None
        stem = f"{t('app.report.stem', lang)}-{self._disk.id}"
        target, n = folder / f"{stem}.{fmt}", 1
        while target.exists() or target.is_symlink():
            n += 1
            target = folder / f"{stem}-{n}.{fmt}"
        atomic_write(target, text.encode("utf-8"))
        return target

    # -- saving ----------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """How many edits are not written yet."""
        return len(self._pending)

    def flush(self, on_saved: Callable[[Edit, list[Path]], None] | None = None) -> int:
        """Write the pending edits in order; return how many were written.

        Raises :class:`sieve.errors.FileChangedError` (the edit and those after it
        stay pending) when a file changed on disk since it was read, and
        :class:`sieve.errors.EditError` for an edit the files refuse. Safe to call
        from a worker thread while edits are being made.
        """
        from sieve.save.scores import set_note, set_score, set_scores

        done = 0
        with self._flush_lock:
            while True:
                with self._pending_lock:
                    if not self._pending:
                        return done
                    edit = self._pending[0]
                    row = row_of(self._pending)
                disk = self._disk
                assert disk is not None
                changed: dict[Path, str] = {}
                home = self.homes.get(edit.scorer)
                if len(row) > 1:  # one scorer's levels on one key: each file written once
                    levels = {e.criterion: e.after for e in row}
                    held = set_scores(
                        disk,
                        edit.scorer,
                        edit.key,
                        levels,  # type: ignore[arg-type]
                        rebase=self.rebase,
                        changed=changed,
                        home=home,
                    )
                    for one in row:
                        disk = apply_edit(disk, one, held[one.criterion], changed)
                    self._disk = disk
                    with self._pending_lock:
                        del self._pending[: len(row)]
                    done += len(row)
                    if on_saved is not None:
                        for one in row:
                            on_saved(one, held[one.criterion])
                    continue
                if edit.kind == SCORE:
                    written = set_score(
                        disk,
                        edit.scorer,
                        edit.key,
                        edit.criterion,
                        edit.after,  # type: ignore[arg-type]
                        rebase=self.rebase,
                        changed=changed,
                        home=home,
                    )
                else:
                    written = set_note(
                        disk,
                        edit.scorer,
                        edit.key,
                        edit.after,
                        changed=changed,
                        home=home,  # type: ignore[arg-type]
                    )
                self._disk = apply_edit(disk, edit, written, changed)
                with self._pending_lock:
                    self._pending.pop(0)
                done += 1
                if on_saved is not None:
                    on_saved(edit, written)
