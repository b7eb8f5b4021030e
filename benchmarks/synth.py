"""Generate a large, realistic synthetic sieve workspace (a tamis, a session, score files).

The workspace looks like the shipped Paris one, only bigger:

- ``criteria/synth.toml``: a tamis of N criteria mixing subject and angle criteria,
  scores and gates, on three scales (0-3, 0-4, yes/no), with attention indicators;
- ``sessions/synth.toml``: S subjects x A angles (= cases), scorers, stakeholders and
  relations; it names its score files with ``scores = ["synth-scores/*.toml"]``;
- ``sessions/synth-scores/<scorer>.toml``: each scorer's levels, written as FORMAT.md
  writes them: one inline table per (scorer, subject) and per (scorer, case), and a
  few notes.

Levels are plausible rather than uniform: each case has a latent quality, each
scorer a bias, each criterion a difficulty, plus noise; scorers abstain now and then
(a missing entry) and sometimes skip a whole subject or case (a missing line). Every
(case, criterion) keeps at least one level, so every case is complete and the matrix
of group levels has no hole (a peer MCDM library can then rank the same matrix).
The output is deterministic for a given seed.

Usage::

    python benchmarks/synth.py OUT_DIR [--subjects 100] [--angles 5] [--criteria 40]
                                       [--scorers 25] [--seed 27]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

#: Scale id -> level labels (the top level is len - 1).
SCALES = {
    "niveau": ["non", "un peu", "nettement", "pleinement"],
    "apprentissage": [
        "rien de nouveau",
        "quelques savoir-faire",
        "des savoir-faire utiles",
        "beaucoup, et pour tout le groupe",
        "un apprentissage décisif pour le labo",
    ],
    "binaire": ["non", "oui"],
}

#: (id, label) of subject criteria, then of angle criteria; suffixed when N is larger.
SUBJECT_CRITERIA = [
    ("besoin-usagers", "Besoin réel des usagers"),
    ("service-associe", "Un service concerné s'associe"),
    ("valeur-demonstrative", "Valeur démonstrative"),
    ("hors-clivage", "À l'abri des clivages politiques"),
    ("type-echelle", "Type et échelle nouveaux"),
    ("role-strategie", "Rôle clair dans la stratégie"),
    ("portage-direction", "Portage par la direction générale"),
    ("donnees-disponibles", "Données disponibles et partageables"),
    ("agents-volontaires", "Des agents volontaires sur le terrain"),
    ("budget-mobilisable", "Un budget mobilisable rapidement"),
    ("partenaires-locaux", "Des partenaires locaux engagés"),
    ("impact-territoire", "Impact visible sur le territoire"),
    ("equite-acces", "Améliore l'équité d'accès"),
    ("sobriete", "Sobriété des moyens"),
    ("calendrier-compatible", "Calendrier compatible avec la Transfo"),
    ("risque-juridique", "Risque juridique maîtrisé"),
]
ANGLE_CRITERIA = [
    ("interet-formation", "Intérêt en formation-action"),
    ("variete-methodes", "Méthodes nouvelles pour le groupe"),
    ("tenable-sessions", "Tenable en 1 à 4 sessions"),
    ("essai-erreur", "Droit à l'essai-erreur"),
    ("transfert-labo", "Utile au futur labo"),
    ("immersion-terrain", "Immersion possible sur le terrain"),
    ("prototypage-rapide", "Prototypage rapide possible"),
    ("usagers-associes", "Usagers associés à chaque étape"),
    ("agents-associes", "Agents de terrain associés"),
    ("mesure-effets", "Effets mesurables"),
    ("reutilisable", "Méthode réutilisable ailleurs"),
    ("cooperation-services", "Coopération entre services"),
    ("visibilite-interne", "Visibilité en interne"),
    ("accessibilite", "Accessible aux publics éloignés"),
    ("numerique-mesure", "Juste place du numérique"),
    ("ancrage-quartier", "Ancrage dans un quartier"),
    ("lieu-disponible", "Un lieu disponible pour tester"),
    ("elus-informes", "Élus informés sans être captés"),
    ("documentation", "Facile à documenter"),
    ("suite-possible", "Une suite possible après la Transfo"),
    ("charge-agents", "Charge raisonnable pour les agents"),
    ("cout-maitrise", "Coût maîtrisé"),
    ("plaisir-groupe", "Envie du groupe"),
    ("mixite-publics", "Mixité des publics"),
]

INDICATORS = [
    ("promesse-mandat", "Engagement de mandature", 2),
    ("clivage-politique", "Sujet de campagne ou de clivage politique", 2),
    ("attente-elu", "Attente forte d'un élu", 1),
    ("mediatisation", "Forte médiatisation", 1),
    ("calendrier-electoral", "Calendrier électoral proche", 1),
    ("conflit-social", "Conflit social en cours", 2),
]

THEMES = [
    "accueil-mairies",
    "carte-citoyenne",
    "cantines-scolaires",
    "mobilite-douce",
    "budget-participatif",
    "jardins-partages",
    "bibliotheques",
    "piscines",
    "etat-civil",
    "aide-sociale",
    "seniors-isoles",
    "jeunesse",
    "proprete",
    "eclairage-public",
    "marches-publics",
    "petite-enfance",
    "sport-quartier",
    "culture",
    "logement",
    "emploi-local",
]
ANGLE_WORDS = [
    "kiosque",
    "guichet",
    "maquette",
    "immersion",
    "parcours",
    "scenarios",
    "prototype",
    "enquete",
    "atelier",
    "carte-sensible",
    "test-usagers",
    "formulaire",
]
METHODS = ["immersion", "prototypage", "entretiens", "observation", "atelier", "design-fiction"]
TYPES = ["service", "outil", "politique", "organisation"]
TERRITORIES = ["quartier", "arrondissement", "ville", "agglomération"]
FIRST_NAMES = [
    "agnes",
    "clemence",
    "isabelle",
    "maxime",
    "mehdi",
    "sabine",
    "sophie",
    "nadege",
    "julien",
    "anna",
    "karim",
    "lucie",
    "paul",
    "ines",
    "yann",
    "fatou",
    "marc",
    "chloe",
    "hugo",
    "nora",
]
SCORER_ROLES = ["ambassador", "relay", "referent", "coordinator", "manager"]
OTHER_ROLES = ["elected", "union", "service", "funder", "partner", "resident", "manager"]
RELATION_KINDS = ["hierarchy", "partnership", "funding", "informs", "mentors", "trust"]


@dataclass(frozen=True)
class CriterionSpec:
    id: str
    label: str
    applies_to: str
    kind: str
    scale: str
    weight: int = 0
    pass_at: int = 0
    difficulty: float = 0.0

    @property
    def top(self) -> int:
        return len(SCALES[self.scale]) - 1


@dataclass(frozen=True)
class Workspace:
    """What was generated (paths and sizes), for benchmarks and tests."""

    root: Path
    tamis: Path
    session: Path
    score_files: tuple[Path, ...]
    criteria: tuple[CriterionSpec, ...]
    subjects: tuple[str, ...]
    cases: tuple[str, ...]
    scorers: tuple[str, ...]
    abstentions: int
    """Entries left out (single abstentions and skipped lines, counted per criterion)."""

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file ``load_session`` reads: session, tamis, score files."""
        return (self.session, self.tamis, *self.score_files)

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.files)


def _named(pool: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """``count`` (id, label) pairs from ``pool``, suffixed -2, -3... past its end."""
    out = []
    for i in range(count):
        ident, label = pool[i % len(pool)]
        rnd = i // len(pool)
        out.append((ident, label) if rnd == 0 else (f"{ident}-{rnd + 1}", f"{label} ({rnd + 1})"))
    return out


def make_criteria(count: int, rng: random.Random) -> list[CriterionSpec]:
    """A tamis's criteria: ~40 % on the subject, about one gate in ten (at least two)."""
    n_subject = max(1, round(count * 0.4))
    n_angle = max(1, count - n_subject)
    out: list[CriterionSpec] = []
    for side, names in (
        ("subject", _named(SUBJECT_CRITERIA, n_subject)),
        ("angle", _named(ANGLE_CRITERIA, n_angle)),
    ):
        gates = max(1, len(names) // 10)
        gate_slots = set(rng.sample(range(len(names)), gates)) if len(names) > 1 else set()
        for i, (ident, label) in enumerate(names):
            difficulty = rng.gauss(0.0, 0.5)
            if i in gate_slots:
                scale = rng.choice(["niveau", "binaire"])
                out.append(CriterionSpec(ident, label, side, "gate", scale, 0, 1))
            else:
                scale = "apprentissage" if rng.random() < 0.25 else "niveau"
                weight = rng.choice([1, 1, 2, 2, 3])
                out.append(CriterionSpec(ident, label, side, "score", scale, weight, 0, difficulty))
    return out


def _q(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def write_tamis(path: Path, criteria: list[CriterionSpec]) -> None:
    lines = [
        "# Tamis synthétique pour les mesures de performance de sieve.",
        "# Généré par benchmarks/synth.py : ne pas modifier à la main.",
        "",
        "format = 1",
        "",
        "[tamis]",
        'id = "synth"',
        'title = "Tamis synthétique"',
        "version = 1",
        'city = "La 27e Région"',
        'lang = "fr"',
        "",
    ]
    for name, levels in SCALES.items():
        lines += [f"[scales.{name}]", f"levels = [{', '.join(_q(x) for x in levels)}]", ""]
    for c in criteria:
        lines += [
            "[[criterion]]",
            f"id = {_q(c.id)}",
            f"label = {_q(c.label)}",
            f"question = {_q(c.label + ' ?')}",
            f"applies_to = {_q(c.applies_to)}",
            f"kind = {_q(c.kind)}",
            f"scale = {_q(c.scale)}",
            f"weight = {c.weight}" if c.kind == "score" else f"pass_at = {c.pass_at}",
            "",
        ]
    lines += ["[group]", "disagreement = 0.5", "", "[attention]", "threshold = 3"]
    lines += ["first_case_max = 1", ""]
    for ident, label, weight in INDICATORS:
        lines += ["[[attention.indicator]]", f"id = {_q(ident)}", f"label = {_q(label)}"]
        lines += [f"weight = {weight}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _level(rng: random.Random, latent: float, crit: CriterionSpec, bias: float) -> int:
    # Gates are easy (most people say yes, a weak case draws more refusals), so only a
    # minority of cases is sifted out.
    offset = 1.0 if crit.kind == "gate" else -0.3 - crit.difficulty
    x = latent + offset + bias + rng.gauss(0.0, 0.6)
    return max(0, min(crit.top, round(crit.top * _sigmoid(x))))


def generate(
    root: Path,
    subjects: int = 100,
    angles: int = 5,
    criteria: int = 40,
    scorers: int = 25,
    seed: int = 27,
    abstain: float = 0.06,
    skip_line: float = 0.03,
) -> Workspace:
    """Write a synthetic workspace under ``root``; return what was written.

    Args:
        root: the workspace folder (``criteria/`` and ``sessions/`` are made in it).
        subjects: number of subjects.
        angles: angles per subject (cases = subjects x angles).
        criteria: number of criteria in the tamis.
        scorers: number of scorers, one score file each.
        seed: the random seed; the same arguments give the same bytes.
        abstain: probability that a scorer leaves out one entry.
        skip_line: probability that a scorer leaves out a whole subject or case line.
    """
    rng = random.Random(seed)
    root = Path(root)
    (root / "criteria").mkdir(parents=True, exist_ok=True)
    scores_dir = root / "sessions" / "synth-scores"
    scores_dir.mkdir(parents=True, exist_ok=True)

    crits = make_criteria(criteria, rng)
    tamis_path = root / "criteria" / "synth.toml"
    write_tamis(tamis_path, crits)
    subject_crits = [c for c in crits if c.applies_to == "subject"]
    angle_crits = [c for c in crits if c.applies_to == "angle"]

    subject_ids = [f"{THEMES[i % len(THEMES)]}-{i + 1:03d}" for i in range(subjects)]
    case_rows: list[tuple[str, str, str]] = []  # (subject, angle id, case key)
    angle_counter = 0
    for sid in subject_ids:
        for _ in range(angles):
            angle_counter += 1
            aid = f"{ANGLE_WORDS[angle_counter % len(ANGLE_WORDS)]}-{angle_counter:04d}"
            case_rows.append((sid, aid, f"{sid}/{aid}"))
    scorer_ids = [
        f"{FIRST_NAMES[i % len(FIRST_NAMES)]}" + ("" if i < len(FIRST_NAMES) else f"-{i + 1}")
        for i in range(scorers)
    ]

    # Latent qualities: a subject's, and each angle's around it.
    subject_q = {s: rng.gauss(0.0, 1.0) for s in subject_ids}
    case_q = {key: subject_q[s] + rng.gauss(0.0, 0.6) for s, _a, key in case_rows}
    bias = {s: rng.gauss(0.0, 0.3) for s in scorer_ids}

    # levels[scorer][key] -> {criterion: level}; filled column by column so that every
    # (key, criterion) keeps at least one level.
    levels: dict[str, dict[str, dict[str, int]]] = {s: {} for s in scorer_ids}
    abstentions = 0
    rows = [(s, subject_q[s], subject_crits) for s in subject_ids]
    rows += [(key, case_q[key], angle_crits) for _s, _a, key in case_rows]
    for key, latent, selected in rows:
        skipped = {s for s in scorer_ids if rng.random() < skip_line}
        if len(skipped) == len(scorer_ids):
            skipped.discard(scorer_ids[0])
        abstentions += len(skipped) * len(selected)
        for crit in selected:
            given = {}
            for s in scorer_ids:
                if s in skipped:
                    continue
                if rng.random() < abstain:
                    abstentions += 1
                    continue
                given[s] = _level(rng, latent, crit, bias[s])
            if not given:
                first = next(s for s in scorer_ids if s not in skipped)
                given[first] = _level(rng, latent, crit, bias[first])
                abstentions -= 1
            for s, level in given.items():
                levels[s].setdefault(key, {})[crit.id] = level

    # The order of keys in a score file: each subject, then its cases.
    order = []
    by_subject: dict[str, list[str]] = {}
    for s, _a, key in case_rows:
        by_subject.setdefault(s, []).append(key)
    for s in subject_ids:
        order.append(s)
        order.extend(by_subject.get(s, ()))

    score_files = []
    for sid in scorer_ids:
        mine = levels[sid]
        lines = [
            f"# Les niveaux de {sid} pour la session synthétique.",
            "# Une ligne par sujet (critères « sujet ») et par cas « sujet/angle »",
            "# (critères « angle ») ; une entrée absente est une abstention.",
            "",
            "format = 1",
            "",
            f"[scores.{sid}]",
        ]
        for key in order:
            row = mine.get(key)
            if not row:
                continue
            cells = ", ".join(
                f"{c.id} = {row[c.id]}"
                for c in (angle_crits if "/" in key else subject_crits)
                if c.id in row
            )
            lines.append(f"{_q(key)} = {{ {cells} }}")
        lines += ["", f"[notes.{sid}]"]
        for key in rng.sample(order, min(len(order), 8)):
            lines.append(f"{_q(key)} = {_q(rng.choice(NOTES))}")
        lines.append("")
        path = scores_dir / f"{sid}.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        score_files.append(path)

    session_path = root / "sessions" / "synth.toml"
    write_session(session_path, rng, subject_ids, case_rows, scorer_ids)
    return Workspace(
        root=root,
        tamis=tamis_path,
        session=session_path,
        score_files=tuple(score_files),
        criteria=tuple(crits),
        subjects=tuple(subject_ids),
        cases=tuple(key for _s, _a, key in case_rows),
        scorers=tuple(scorer_ids),
        abstentions=abstentions,
    )


NOTES = [
    "Très concret, mais attention aux attentes des élus.",
    "Le service est partant, la direction moins.",
    "Risque de lassitude des agents déjà très sollicités.",
    "Bon terrain d'essai, peu exposé.",
    "À revoir après le prochain conseil municipal.",
    "Les usagers en parlent spontanément : un vrai besoin.",
    "Trop long pour tenir en quatre sessions.",
]


def write_session(
    path: Path,
    rng: random.Random,
    subject_ids: list[str],
    case_rows: list[tuple[str, str, str]],
    scorer_ids: list[str],
) -> None:
    lines = [
        "# Session synthétique pour les mesures de performance de sieve.",
        "# Généré par benchmarks/synth.py : ne pas modifier à la main.",
        "",
        "format = 1",
        "",
        "[session]",
        'id = "synth"',
        'title = "Session synthétique"',
        'city = "Synthèse-sur-Loire"',
        "date = 2017-01-25",
        'tamis = "../criteria/synth.toml"',
        'scores = ["synth-scores/*.toml"]',
        "",
    ]
    indicator_ids = [i for i, _label, _w in INDICATORS]
    for n, sid in enumerate(subject_ids):
        theme = sid.rsplit("-", 1)[0].replace("-", " ")
        attention = rng.sample(indicator_ids, rng.choice([0, 0, 0, 1, 1, 2, 3]))
        lines += [
            "[[subject]]",
            f"id = {_q(sid)}",
            f"title = {_q(f'{theme.capitalize()} n° {n + 1}')}",
            f"description = {_q(f'Repenser {theme} avec les usagers et les agents.')}",
            f"type = {_q(rng.choice(TYPES))}",
            f"territory = {_q(rng.choice(TERRITORIES))}",
            f"attention = [{', '.join(_q(a) for a in attention)}]",
            f"first_case = {'true' if n == 0 else 'false'}",
            "",
        ]
    for sid, aid, _key in case_rows:
        methods = rng.sample(METHODS, 2)
        lines += [
            "[[angle]]",
            f"id = {_q(aid)}",
            f"subject = {_q(sid)}",
            f"title = {_q(aid.rsplit('-', 1)[0].replace('-', ' ').capitalize())}",
            f"methods = [{', '.join(_q(m) for m in methods)}]",
            "",
        ]
    for i, sid in enumerate(scorer_ids):
        role = SCORER_ROLES[i % len(SCORER_ROLES)]
        lines += ["[[scorer]]", f"id = {_q(sid)}", f"name = {_q(sid.capitalize())}"]
        lines += [f"role = {_q(role)}", ""]
    people = list(scorer_ids)
    for i, sid in enumerate(scorer_ids):
        lines += ["[[stakeholder]]", f"id = {_q(sid)}", f"name = {_q(sid.capitalize())}"]
        lines += [f"role = {_q(SCORER_ROLES[i % len(SCORER_ROLES)])}", 'org = "Mairie"']
        lines += [f"power = {rng.randint(0, 4)}", f"interest = {rng.randint(0, 4)}", ""]
    for i in range(len(scorer_ids)):
        ident = f"partie-{i + 1:03d}"
        people.append(ident)
        role = OTHER_ROLES[i % len(OTHER_ROLES)]
        lines += ["[[stakeholder]]", f"id = {_q(ident)}", f"name = {_q(f'Partie {i + 1}')}"]
        lines += [f"role = {_q(role)}", 'org = "Territoire"']
        lines += [f"power = {rng.randint(0, 4)}", f"interest = {rng.randint(0, 4)}", ""]
    seen = set()
    for _ in range(3 * len(scorer_ids)):
        source, target = rng.sample(people, 2)
        kind = rng.choice(RELATION_KINDS)
        if (source, target, kind) in seen:
            continue
        seen.add((source, target, kind))
        lines += ["[[relation]]", f"from = {_q(source)}", f"to = {_q(target)}"]
        lines += [f"kind = {_q(kind)}", f"weight = {rng.randint(1, 3)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the workspace folder to write")
    parser.add_argument("--subjects", type=int, default=100)
    parser.add_argument("--angles", type=int, default=5, help="angles per subject")
    parser.add_argument("--criteria", type=int, default=40)
    parser.add_argument("--scorers", type=int, default=25)
    parser.add_argument("--seed", type=int, default=27)
    args = parser.parse_args(argv)
    ws = generate(args.out, args.subjects, args.angles, args.criteria, args.scorers, args.seed)
    print(
        f"{ws.session}: {len(ws.cases)} cases, {len(ws.criteria)} criteria, "
        f"{len(ws.scorers)} scorers, {len(ws.files)} files, {ws.size / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
