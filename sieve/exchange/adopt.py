"""``sieve adopt``: copy criteria (and the scales they need) from another city's tamis into ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sieve.errors import ExchangeError
from sieve.exchange.common import open_tamis, origin_of
from sieve.i18n import t
from sieve.model import ID_PATTERN, Tamis


@dataclass
class Adoption:
    """What ``adopt`` did (or would do): criteria and scales added, criteria replaced."""

    target: Path
    added: list[tuple[str, str]] = field(default_factory=list)
    """(id in the target, id in the source)."""
    replaced: list[str] = field(default_factory=list)
    scales: list[str] = field(default_factory=list)
    written: bool = False


def adopt(
    source: Path,
    target: Path,
    criteria: list[str] | None = None,
    rename: str | None = None,
    replace: bool = False,
    write: bool = True,
) -> Adoption:
    """Copy criteria (``None``: all) and the scales they need from ``source`` into ``target``.

    First the plan (which criteria, under which ids, which scales), refused with
    :class:`ExchangeError` on any conflict; then :func:`sieve.save.adopt.write_adoption`
    edits the target, keeping every other byte. Nothing is written on a refusal.
    """
    from sieve.save.adopt import Copy, write_adoption

    source, target = Path(source), Path(target)
    src = open_tamis(source)
    dst = open_tamis(target)
    wanted = list(src.criterion_ids) if criteria is None else list(dict.fromkeys(criteria))
    _check_request(src, source, wanted, rename, replace)
    pairs = [(ident, rename or ident) for ident in wanted]
    taken = [new for _old, new in pairs if new in dst.by_id and not replace]
    if taken:
        code = "exchange.adopt.renamed_taken" if rename else "exchange.adopt.taken"
        raise ExchangeError(code, ids=", ".join(taken), target=target)
    new_scales = _scales_needed(src, dst, target, [old for old, _new in pairs])
    copies = [Copy(old, new, origin_of(src, old, renamed=new != old)) for old, new in pairs]
    added, replaced, written = write_adoption(source, target, copies, new_scales, write)
    result = Adoption(target, written=written, scales=new_scales)
    result.added = [(c.target_id, c.source_id) for c in added]
    result.replaced = [c.target_id for c in replaced]
    return result


def _check_request(
    src: Tamis, source: Path, wanted: list[str], rename: str | None, replace: bool
) -> None:
    """Refuse unknown criteria and a rename that cannot apply."""
    unknown = [c for c in wanted if c not in src.by_id]
    if unknown:
        raise ExchangeError(
            "exchange.adopt.unknown",
            ids=", ".join(unknown),
            source=source,
            known=", ".join(src.criterion_ids),
        )
    if rename is not None:
        if len(wanted) != 1:
            raise ExchangeError("exchange.adopt.rename_one")
        if not ID_PATTERN.match(rename):
            raise ExchangeError("exchange.adopt.bad_id", id=rename)
        if replace:
            raise ExchangeError("exchange.adopt.rename_replace")


def _scales_needed(src: Tamis, dst: Tamis, target: Path, idents: list[str]) -> list[str]:
    """The scales the adopted criteria need that the target lacks; refuse a clash."""
    needed: dict[str, tuple[str, ...]] = {}
    for ident in idents:
        scale = src.by_id[ident].scale
        needed[scale.id] = scale.levels
    for name, levels in needed.items():
        have = dst.scales.get(name)
        if have is not None and have.levels != levels:
            raise ExchangeError(
                "exchange.adopt.scale_conflict",
                scale=name,
                target=target,
                ours=" | ".join(have.levels),
                theirs=" | ".join(levels),
            )
    return [name for name in needed if name not in dst.scales]


def adopt_text(result: Adoption, lang: str | None = None) -> str:
    lines = []
    for new_id, old_id in result.added:
        if new_id == old_id:
            lines.append(t("exchange.adopt.added", lang=lang, id=new_id))
        else:
            lines.append(t("exchange.adopt.added_as", lang=lang, id=new_id, source=old_id))
    lines += [t("exchange.adopt.replaced", lang=lang, id=i) for i in result.replaced]
    lines += [t("exchange.adopt.scale_added", lang=lang, id=i) for i in result.scales]
    key = "exchange.adopt.written" if result.written else "exchange.adopt.nothing"
    lines.append(t(key, lang=lang, path=result.target))
    return "\n".join(lines) + "\n"
