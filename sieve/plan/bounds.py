"""Upper bounds on the best portfolio holding each case, to solve smaller programmes.

A portfolio holds at most ``k`` cases (``max_cases``, and as many as the session and
day budgets allow with the smallest needs), from distinct subjects when
``one_case_per_subject``, with at most ``max_exposed`` exposed ones. So a portfolio
holding case ``i`` totals at most its score plus the best ``k - 1`` scores of other
subjects under that exposure limit (each subject's best case, exposed or not, counted
once each way: a relaxation, so still a bound). A case whose bound is under the total
of a portfolio already known cannot be in a best one, and the integer programme can
leave it out: the best portfolio it finds among the others is a best one overall.
"""

from __future__ import annotations

from sieve.plan.instance import TOLERANCE, Instance


class Bounds:
    """``bounds(scores)``: each case's bound for these scores (``-inf``: cannot be
    chosen); ``scores`` (cases,) or (draws, cases), NaN or -inf for a sifted-out case."""

    def __init__(self, inst: Instance) -> None:
        import numpy as np

        p = inst.portfolio
        cands = inst.candidates
        if p.one_case_per_subject:
            ids = {s: j for j, s in enumerate(dict.fromkeys(c.subject for c in cands))}
            subject = np.array([ids[c.subject] for c in cands], dtype=np.intp)
        else:  # each case a subject of its own
            subject = np.arange(len(cands), dtype=np.intp)
        self.subjects = int(subject.max(initial=-1)) + 1
        exposed = np.array([c.exposed for c in cands], dtype=np.intp)
        self.group = exposed * self.subjects + subject
        """Each case's (exposed, subject) group, as one index."""
        self.order = np.argsort(self.group, kind="stable")
        found = self.group[self.order]
        self.starts = np.flatnonzero(np.r_[True, found[1:] != found[:-1]]) if len(found) else found
        self.groups = found[self.starts]
        self.cap = p.max_exposed
        self.blocked = np.array([c.key in p.excluded for c in cands], dtype=bool)
        needs = sorted(c.need for c in cands)
        fits = [k for k in range(len(needs) + 1) if sum(needs[:k]) <= p.sessions]
        fits = [k for k in fits if sum(needs[:k]) * p.session_days <= p.days + TOLERANCE]
        self.others = min(p.max_cases, max(fits, default=0)) - 1
        """The most cases a portfolio holds beside a given one."""

    def __call__(self, scores):
        import numpy as np

        s = np.atleast_2d(np.asarray(scores, dtype=float))
        ok = np.isfinite(s) & ~self.blocked
        s = np.where(ok, np.maximum(s, 0.0), -np.inf)
        out = np.full(s.shape, -np.inf)
        if self.others >= 0 and s.shape[1]:
            best = np.full((len(s), 2 * self.subjects), -np.inf)  # calm ones, then exposed
            best[:, self.groups] = np.maximum.reduceat(s[:, self.order], self.starts, axis=1)
            calm = _tops_without(best[:, : self.subjects], self.others)
            exposed = _tops_without(best[:, self.subjects :], self.others)
            other = np.full((len(s), 2, self.subjects), -np.inf)
            for e in (0, 1):
                for b in range(min(self.cap - e, self.others) + 1):  # b exposed among others
                    np.maximum(other[:, e], calm[self.others - b] + exposed[b], out=other[:, e])
            out = s + other.reshape(len(s), -1)[:, self.group]
            out[~ok] = -np.inf
        return out.reshape(np.shape(scores))


def _tops_without(values, most: int):
    """For t = 0..most: (draws, subjects) the sum of the t best ``values`` of the draw
    (fewer when fewer are finite) leaving the subject's own value out."""
    import numpy as np

    order = np.argsort(-values, axis=1, kind="stable")
    mine = np.where(np.isfinite(values), values, 0.0)  # an absent subject adds nothing
    ranked = np.take_along_axis(mine, order, axis=1)
    sums = np.concatenate([np.zeros((len(values), 1)), np.cumsum(ranked, axis=1)], axis=1)
    place = np.empty_like(order)
    np.put_along_axis(place, order, np.arange(values.shape[1])[None, :], axis=1)
    last = values.shape[1]
    out = []
    for t in range(most + 1):
        plain = sums[:, min(t, last)][:, None]
        shifted = sums[:, min(t + 1, last)][:, None] - mine  # one more, less its own
        out.append(np.where(place < t, shifted, plain))
    return out
