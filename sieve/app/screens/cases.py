"""The cases: subjects and their angles as a tree, with what describes them.

Bindings:
    | Key | Description |
    | :- | :- |
    | up, down, left, right | Move in the tree, fold or unfold a subject. |
    | a | Add a subject. |
    | n | Add an angle to the selected subject. |
    | r | Rename the selected subject or angle (scores and notes follow). |
    | e | Describe it (title, description, type, territory; or title and methods). |
    | delete | Remove it, with its angles, scores and notes (asks first). |
    | t | Tag the subject's political-attention indicators. |
    | f | Mark the subject as the first case (again: unmark). |
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tree

from sieve.app.bindings import localize
from sieve.app.screens.editing import EditingScreen
from sieve.app.screens.forms import ConfirmDialog, Field, FormDialog, TagsDialog
from sieve.app.text import plain
from sieve.app.widgets.keybar import KeyBar
from sieve.i18n import number, t
from sieve.model import Angle, Session, Subject, case_key
from sieve.text import free_id
from sieve.workbench import EDITS as edit

SUBJECT = "subject"
ANGLE = "angle"


def attention_level(session: Session, subject: Subject) -> float:
    indicators = session.tamis.indicators
    return sum(indicators[i].weight for i in subject.attention if i in indicators)


class CasesScreen(EditingScreen):
    """Subjects and angles: add, rename, describe, remove, tag, mark the first case."""

    BINDINGS = [
        Binding("a", "add_subject", "app.key.add_subject"),
        Binding("n", "add_angle", "app.key.add_angle"),
        Binding("r", "rename", "app.key.rename"),
        Binding("i", "change_id", "app.key.change_id"),
        Binding("e", "describe", "app.key.edit"),
        Binding("delete", "remove", "app.key.remove", key_display="⌦"),
        Binding("t", "tags", "app.key.tags"),
        Binding("f", "first_case", "app.key.first_case"),
    ]

    DEFAULT_CSS = """
    CasesScreen #cases { width: 1fr; height: 1fr; }
    CasesScreen.-wide #cases { width: 3fr; }
    CasesScreen #case-side { width: 1fr; height: 1fr; padding: 0 1; border-left: vkey $panel; }
    CasesScreen.-wide #case-side { width: 2fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self._wanted: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="bar", classes="bar")
        with Horizontal():
            tree: Tree[tuple[str, str]] = Tree(Text(""), id="cases")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="case-side"):
                yield Static(id="case-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Tree).focus()

    #: From this width on, the tree takes three fifths: its titles and ids are long,
    #: the detail beside wraps its text.
    WIDE = 120

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= self.WIDE, "-wide")

    # -- what is shown ---------------------------------------------------------------

    @property
    def tree(self) -> Tree[tuple[str, str]]:
        return self.query_one("#cases", Tree)

    def selected(self) -> tuple[str, str] | None:
        """``(SUBJECT, subject id)`` or ``(ANGLE, case key)`` of the node under the cursor
        (an angle id is unique within its subject only)."""
        node = self.tree.cursor_node
        return node.data if node is not None else None

    def selected_subject(self) -> Subject | None:
        wb = self.sieve.workbench
        chosen = self.selected()
        if self.session is None or chosen is None:
            return None
        kind, ident = chosen
        if kind == ANGLE:
            angle = wb.session.angles.get(ident)
            return wb.session.subjects.get(angle.subject) if angle else None
        return wb.session.subjects.get(ident)

    def subject_label(self, session: Session, subject: Subject) -> Text:
        text = Text()
        if subject.first_case:
            text.append("① ", style="bold")
        text.append_text(plain(subject.title, style="bold"))
        level = attention_level(session, subject)
        if level:
            flagged = level >= session.tamis.attention_threshold
            text.append(f"  ⚑{number(level)}", style="bold" if flagged else "dim")
        text.append("  ")
        text.append_text(plain(subject.id, style="dim"))
        return text

    def angle_label(self, angle: Angle) -> Text:
        text = plain(angle.title)
        text.append("  ")
        text.append_text(plain(angle.id, style="dim"))
        return text

    def update_view(self) -> None:
        wb = self.sieve.workbench
        if self.session is None:
            return
        session = wb.session
        self.query_one("#bar", Static).update(
            plain(
                t(
                    "app.cases.bar",
                    title=session.title,
                    subjects=len(session.subjects),
                    angles=len(session.angles),
                )
            )
        )
        wanted = self._wanted or self.selected()
        self._wanted = None
        tree = self.tree
        folded = {
            node.data[1]
            for node in tree.root.children
            if node.data is not None and not node.is_expanded
        }
        tree.clear()
        target = None
        by_subject: dict[str, list[Angle]] = {}
        for angle in session.angles.values():
            by_subject.setdefault(angle.subject, []).append(angle)
        for subject in session.subjects.values():
            node = tree.root.add(
                self.subject_label(session, subject),
                data=(SUBJECT, subject.id),
                expand=subject.id not in folded,
            )
            if wanted == (SUBJECT, subject.id):
                target = node
            for angle in by_subject.get(subject.id, ()):
                leaf = node.add_leaf(self.angle_label(angle), data=(ANGLE, angle.key))
                if wanted == (ANGLE, angle.key):
                    target = leaf
        if target is None and tree.root.children:
            target = tree.root.children[0]
        if target is not None:
            tree.last_line  # noqa: B018 (lays out the new lines, so that the node has its line)
            tree.move_cursor(target)
        self._show_detail()

    def _show_detail(self) -> None:
        wb = self.sieve.workbench
        box = self.query_one("#case-detail", Static)
        chosen = self.selected()
        if self.session is None:
            return
        session = wb.session
        if not session.subjects:
            box.update(Text(t("app.cases.empty"), style="italic"))
            return
        if chosen is None:
            box.update("")
            return
        kind, ident = chosen
        text = Text()
        if kind == SUBJECT and ident in session.subjects:
            subject = session.subjects[ident]
            text.append(t("app.cases.subject") + "\n", style="dim")
            text.append_text(plain(subject.title, style="bold", one_line=False))
            text.append("\n")
            self._line(text, "app.cases.id", subject.id)
            self._line(text, "app.cases.type", subject.type)
            self._line(text, "app.cases.territory", subject.territory)
            if subject.description:
                text.append("\n")
                text.append_text(plain(subject.description, one_line=False))
                text.append("\n")
            if subject.first_case:
                text.append("\n" + t("app.cases.first_case") + "\n", style="bold")
            level = attention_level(session, subject)
            threshold = session.tamis.attention_threshold
            style = "bold" if level >= threshold else ""
            text.append(
                "\n"
                + t("app.cases.attention", level=number(level), threshold=number(threshold))
                + "\n",
                style=style,
            )
            for indicator in session.tamis.indicators.values():
                on = indicator.id in subject.attention
                text.append(" [x] " if on else " [ ] ", style="bold" if on else "dim")
                text.append_text(plain(indicator.label, style="" if on else "dim"))
                text.append(f"  {number(indicator.weight)}\n", style="dim")
            refs = edit.references(session, subject=ident)
        elif kind == ANGLE and ident in session.angles:
            angle = session.angles[ident]
            text.append(t("app.cases.angle") + "\n", style="dim")
            text.append_text(plain(angle.title, style="bold", one_line=False))
            text.append("\n")
            self._line(text, "app.cases.id", angle.id)
            owner = session.subjects.get(angle.subject)
            self._line(text, "app.cases.of_subject", owner.title if owner else angle.subject)
            self._line(text, "app.cases.methods", ", ".join(angle.methods))
            refs = edit.references(session, angle=ident)
        else:
            box.update("")
            return
        text.append("\n" + t("app.cases.refs", scores=refs.scores, notes=refs.notes), style="dim")
        box.update(text)

    @staticmethod
    def _line(text: Text, key: str, value: str) -> None:
        if value:
            text.append(t(key) + t("app.colon"), style="dim")
            text.append_text(plain(value))
            text.append("\n")

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._show_detail()

    # -- actions ---------------------------------------------------------------------

    def _edit_then_select(self, wanted: tuple[str, str] | None, operation, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._wanted = wanted
        if not self.run_edit(operation, *args, **kwargs):
            self._wanted = None

    def _form(self, title, fields: list[Field], apply, error: str = "") -> None:  # type: ignore[no-untyped-def]
        """Ask ``fields``; ``apply`` the answer; when the edit refuses it, ask again.

        The form comes back with what was typed and the reason under the fields,
        so that a bad id costs one correction, not the whole form.
        """

        def done(answer: dict[str, str] | None) -> None:
            if answer is None:
                return
            self.edit_error = None
            apply(answer)
            if self.edit_error is not None:
                kept = [replace(f, value=answer.get(f.name, f.value)) for f in fields]
                self._form(title, kept, apply, self.edit_error)

        self.app.push_screen(FormDialog(title, fields, error), done)

    def action_add_subject(self) -> None:
        if self.session is None:
            return
        fields = [
            Field("title", t("app.cases.field.title")),
            Field("id", t("app.cases.id_from_title")),
            Field("description", t("app.cases.description")),
            Field("type", t("app.cases.type")),
            Field("territory", t("app.cases.territory")),
        ]

        def done(answer: dict[str, str] | None) -> None:
            if answer is not None:
                taken = self.sieve.workbench.session.subjects
                ident = answer["id"].strip() or free_id(answer["title"], taken, "sujet")
                self._edit_then_select(
                    (SUBJECT, ident),
                    edit.add_subject,
                    ident,
                    answer["title"],
                    description=answer["description"],
                    type=answer["type"],
                    territory=answer["territory"],
                )

        self._form(t("app.cases.add_subject"), fields, done)

    def action_add_angle(self) -> None:
        subject = self.selected_subject()
        if subject is None:
            return
        fields = [
            Field("title", t("app.cases.field.title")),
            Field("id", t("app.cases.id_from_title")),
            Field("methods", t("app.cases.field.methods")),
        ]

        def done(answer: dict[str, str] | None) -> None:
            if answer is not None:
                session = self.sieve.workbench.session
                taken = {a.id for a in session.angles.values() if a.subject == subject.id}
                ident = answer["id"].strip() or free_id(answer["title"], taken, "angle")
                self._edit_then_select(
                    (ANGLE, case_key(subject.id, ident)),
                    edit.add_angle,
                    ident,
                    subject.id,
                    answer["title"],
                    _methods(answer["methods"]),
                )

        title = plain(t("app.cases.add_angle", subject=subject.title))
        self._form(title, fields, done)

    def action_rename(self) -> None:
        """Give the selected subject or angle another title (its id, and so its scores, stay)."""
        chosen = self.selected()
        if self.session is None or chosen is None:
            return
        kind, ident = chosen
        session = self.sieve.workbench.session
        item = session.subjects[ident] if kind == SUBJECT else session.angles[ident]
        fields = [Field("title", t("app.cases.field.title"), item.title)]
        operation = edit.set_subject if kind == SUBJECT else edit.set_angle

        def done(answer: dict[str, str] | None) -> None:
            if answer is not None and answer["title"] != item.title:
                self._edit_then_select(chosen, operation, ident, title=answer["title"])

        self._form(plain(t("app.cases.rename_title", id=item.title)), fields, done)

    def action_change_id(self) -> None:
        """Change the id of the selected subject or angle; its scores and notes follow."""
        chosen = self.selected()
        if chosen is None:
            return
        kind, ident = chosen
        angle = self.sieve.workbench.session.angles.get(ident) if kind == ANGLE else None
        old = angle.id if angle is not None else ident
        fields = [Field("id", t("app.cases.field.new_id"), old)]
        operation = edit.rename_subject if kind == SUBJECT else edit.rename_angle

        def done(answer: dict[str, str] | None) -> None:
            if answer is not None and answer["id"] != old:
                new = answer["id"]
                wanted = (kind, case_key(angle.subject, new) if angle is not None else new)
                self._edit_then_select(wanted, operation, ident, new)

        title = plain(t("app.cases.change_id_title", id=ident))
        self._form(title, fields, done)

    def action_describe(self) -> None:
        wb = self.sieve.workbench
        chosen = self.selected()
        if self.session is None or chosen is None:
            return
        kind, ident = chosen
        session = wb.session
        if kind == SUBJECT:
            subject = session.subjects[ident]
            fields = [
                Field("title", t("app.cases.field.title"), subject.title),
                Field("description", t("app.cases.description"), subject.description),
                Field("type", t("app.cases.type"), subject.type),
                Field("territory", t("app.cases.territory"), subject.territory),
            ]
            heading = subject.title

            def done(answer: dict[str, str] | None) -> None:
                if answer is not None:
                    self._edit_then_select(chosen, edit.set_subject, ident, **answer)

        else:
            angle = session.angles[ident]
            fields = [
                Field("title", t("app.cases.field.title"), angle.title),
                Field("methods", t("app.cases.field.methods"), ", ".join(angle.methods)),
            ]
            heading = angle.title

            def done(answer: dict[str, str] | None) -> None:
                if answer is not None:
                    # the list left as it was: kept as it is (a method may hold a comma)
                    same = answer["methods"] == ", ".join(angle.methods)
                    self._edit_then_select(
                        chosen,
                        edit.set_angle,
                        ident,
                        title=answer["title"],
                        methods=list(angle.methods) if same else _methods(answer["methods"]),
                    )

        title = plain(t("app.cases.describe_title", title=heading))
        self._form(title, fields, done)

    def action_remove(self) -> None:
        wb = self.sieve.workbench
        chosen = self.selected()
        if self.session is None or chosen is None:
            return
        kind, ident = chosen
        session = wb.session
        if kind == SUBJECT:
            subject = session.subjects[ident]
            angles = sum(1 for a in session.angles.values() if a.subject == ident)
            question = plain(t("app.cases.remove_subject", title=subject.title, angles=angles))
            refs = edit.references(session, subject=ident)
            operation = edit.remove_subject
        else:
            question = plain(t("app.cases.remove_angle", title=session.angles[ident].title))
            refs = edit.references(session, angle=ident)
            operation = edit.remove_angle
        detail = (
            Text(t("app.cases.remove_refs", scores=refs.scores, notes=refs.notes))
            if refs.total
            else None
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_edit(operation, ident, drop_scores=True)

        self.app.push_screen(ConfirmDialog(question, detail), done)

    def action_tags(self) -> None:
        wb = self.sieve.workbench
        subject = self.selected_subject()
        if self.session is None or subject is None:
            return
        items = []
        for indicator in wb.session.tamis.indicators.values():
            prompt = plain(indicator.label)
            prompt.append(f"  {number(indicator.weight)}", style="dim")
            items.append((prompt, indicator.id, indicator.id in subject.attention))
        chosen = self.selected()

        def done(answer: list[str] | None) -> None:
            if answer is not None:
                self._edit_then_select(chosen, edit.set_subject_attention, subject.id, answer)

        title = plain(t("app.cases.tags_title", title=subject.title))
        self.app.push_screen(TagsDialog(title, items), done)

    def action_first_case(self) -> None:
        subject = self.selected_subject()
        if subject is None:
            return
        target = None if subject.first_case else subject.id
        chosen = self.selected()
        self._edit_then_select(chosen, edit.set_first_case, target)


def _methods(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
