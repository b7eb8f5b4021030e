"""Lossless edits of a tamis: weights, gates, criterion texts, criteria, attention indicators and
thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sieve.errors import EditError
from sieve.load.bounds import ATTENTION, SHARE, WEIGHT
from sieve.model import APPLIES_TO, CRITERION_KINDS, Session
from sieve.save.layout import (
    Batch,
    array_of,
    check_id,
    check_number,
    check_text,
    criterion_of,
    find_entry,
    insert_table,
    new_table,
    plain_number,
    remove_table,
    score_rows,
    scores_for_criterion,
    set_key,
    without,
)

# -- the tamis ------------------------------------------------------------------------------


def _tamis_doc(session: Session, batch: Batch) -> Any:
    return batch.open(session.tamis.path)


def _criterion_table(session: Session, batch: Batch, criterion: str) -> Any:
    doc = _tamis_doc(session, batch)
    return doc["criterion"][find_entry(doc["criterion"], criterion)]


def set_weight(session: Session, criterion: str, weight: float) -> list[Path]:
    """Set the weight of a score criterion (a number >= 0)."""
    return set_weights(session, {criterion: weight})


def set_weights(session: Session, weights: dict[str, float]) -> list[Path]:
    """Set the weights of several score criteria at once (one write of the tamis)."""
    values = {}
    for criterion, weight in weights.items():
        if criterion_of(session, criterion).is_gate:
            raise EditError("edit.not_score", criterion=criterion)
        values[criterion] = plain_number(check_number(weight, "weight", *WEIGHT))
    batch = Batch(session)
    for criterion, value in values.items():
        table = _criterion_table(session, batch, criterion)
        if table.get("weight") != value:
            set_key(table, "weight", value)
    return batch.save()


def set_pass_at(session: Session, criterion: str, pass_at: float) -> list[Path]:
    """Set the level a gate criterion's group level must reach (0 to the scale's top)."""
    crit = criterion_of(session, criterion)
    if not crit.is_gate:
        raise EditError("edit.not_gate", criterion=criterion)
    value = check_number(pass_at, "pass_at", 0.0, float(crit.scale.top))
    batch = Batch(session)
    set_key(_criterion_table(session, batch, criterion), "pass_at", plain_number(value))
    return batch.save()


def set_criterion_text(
    session: Session, criterion: str, label: str | None = None, question: str | None = None
) -> list[Path]:
    """Set the label (never empty) and/or the question of a criterion."""
    criterion_of(session, criterion)
    if label is not None:
        check_text(label, "label")
    if question is not None and not isinstance(question, str):
        raise EditError("edit.empty", field="question")
    batch = Batch(session)
    table = _criterion_table(session, batch, criterion)
    if label is not None and table.get("label") != label:
        set_key(table, "label", label)
    if question is not None and table.get("question", "") != question:
        if question == "" and "question" in table:
            del table["question"]
        elif question:
            set_key(table, "question", question)
    return batch.save()


def add_criterion(
    session: Session,
    criterion: str,
    label: str,
    applies_to: str,
    kind: str,
    scale: str,
    question: str = "",
    weight: float = 1.0,
    pass_at: float = 1.0,
    after: str | None = None,
) -> list[Path]:
    """Add a criterion after ``after`` (or after the last one), keys in the format's order."""
    tamis = session.tamis
    check_id(criterion)
    if criterion in tamis.by_id:
        raise EditError("edit.id_taken", kind="criterion", id=criterion)
    check_text(label, "label")
    if applies_to not in APPLIES_TO:
        raise EditError(
            "edit.choice", field="applies_to", value=applies_to, choices=", ".join(APPLIES_TO)
        )
    if kind not in CRITERION_KINDS:
        raise EditError("edit.choice", field="kind", value=kind, choices=", ".join(CRITERION_KINDS))
    if scale not in tamis.scales:
        raise EditError("edit.unknown", kind="scale", id=scale)
    if after is not None:
        criterion_of(session, after)
    pairs: list[tuple[str, Any]] = [("id", criterion), ("label", label)]
    if question:
        pairs.append(("question", question))
    pairs += [("applies_to", applies_to), ("kind", kind), ("scale", scale)]
    if kind == "score":
        pairs.append(("weight", plain_number(check_number(weight, "weight", *WEIGHT))))
    else:
        top = float(tamis.scales[scale].top)
        pairs.append(("pass_at", plain_number(check_number(pass_at, "pass_at", 0.0, top))))
    batch = Batch(session)
    doc = _tamis_doc(session, batch)
    aot = doc["criterion"]
    anchor = find_entry(aot, after) if after is not None else len(aot) - 1
    insert_table(aot, anchor, new_table(pairs))
    return batch.save()


def remove_criterion(session: Session, criterion: str, drop_scores: bool = False) -> list[Path]:
    """Remove a criterion from the tamis.

    When scores exist for it (see :func:`scores_for_criterion`) the session would
    no longer load: the removal is refused unless ``drop_scores`` is true, in which
    case those entries are removed from every score and session file too.
    """
    criterion_of(session, criterion)
    if len(session.tamis.criteria) == 1:
        raise EditError("edit.last_criterion", criterion=criterion)
    count = scores_for_criterion(session, criterion)
    if count and not drop_scores:
        raise EditError("edit.has_scores", kind="criterion", id=criterion, count=count)
    batch = Batch(session)
    doc = _tamis_doc(session, batch)
    remove_table(doc, "criterion", find_entry(doc["criterion"], criterion))
    for path, scorer, key, row in list(score_rows(session, False)):
        if isinstance(row, dict) and criterion in row:
            table = batch.open(path)["scores"][scorer]
            if key in table:
                without(table, key, [criterion])
    return batch.save()


def subjects_with_indicator(session: Session, indicator: str) -> list[str]:
    """The subjects of the session tagged with an attention indicator."""
    return [s.id for s in session.subjects.values() if indicator in s.attention]


def add_indicator(session: Session, indicator: str, label: str, weight: float = 1.0) -> list[Path]:
    """Add a political-attention indicator after the last one."""
    import tomlkit

    check_id(indicator)
    if indicator in session.tamis.indicators:
        raise EditError("edit.id_taken", kind="indicator", id=indicator)
    check_text(label, "label")
    value = plain_number(check_number(weight, "weight", *WEIGHT))
    batch = Batch(session)
    doc = _tamis_doc(session, batch)
    table = new_table([("id", indicator), ("label", label), ("weight", value)])
    aot = array_of(doc, "attention", "indicator")
    if aot is not None and len(aot):
        insert_table(aot, len(aot) - 1, table)
    else:
        if "attention" not in doc:
            doc.add(tomlkit.nl())
            doc.add("attention", tomlkit.table())
        doc["attention"].append("indicator", tomlkit.aot())
        doc["attention"]["indicator"].append(table)
    return batch.save()


def remove_indicator(session: Session, indicator: str, untag: bool = False) -> list[Path]:
    """Remove an attention indicator; with ``untag``, also from this session's subjects.

    Subjects still tagged with it would make the session fail to load, so the
    removal is refused while some are, unless ``untag`` is true.
    """
    if indicator not in session.tamis.indicators:
        raise EditError("edit.unknown", kind="indicator", id=indicator)
    tagged = subjects_with_indicator(session, indicator)
    if tagged and not untag:
        raise EditError("edit.tagged", id=indicator, count=len(tagged))
    batch = Batch(session)
    doc = _tamis_doc(session, batch)
    remove_table(
        doc["attention"], "indicator", find_entry(doc["attention"]["indicator"], indicator)
    )
    if tagged:
        subjects = batch.open(session.path)["subject"]
        for subject in tagged:
            subjects[find_entry(subjects, subject)]["attention"].remove(indicator)
    return batch.save()


def set_thresholds(
    session: Session,
    threshold: float | None = None,
    first_case_max: float | None = None,
    disagreement: float | None = None,
) -> list[Path]:
    """Set the attention threshold, the first case's limit, and/or the disagreement share."""
    import tomlkit

    changes: list[tuple[str, str, float]] = []
    if threshold is not None:
        changes.append(("attention", "threshold", check_number(threshold, "threshold", *ATTENTION)))
    if first_case_max is not None:
        value = check_number(first_case_max, "first_case_max", *ATTENTION)
        changes.append(("attention", "first_case_max", value))
    if disagreement is not None:
        value = check_number(disagreement, "disagreement", *SHARE)
        changes.append(("group", "disagreement", value))
    batch = Batch(session)
    doc = _tamis_doc(session, batch)
    for table_name, key, value in changes:
        if table_name not in doc:
            doc.add(tomlkit.nl())
            doc.add(table_name, tomlkit.table())
        table = doc[table_name]
        if table.get(key) != value:
            set_key(table, key, plain_number(value))
    return batch.save()
