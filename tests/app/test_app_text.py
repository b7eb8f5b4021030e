"""The app's text layer: clip_apart (titles cut so that siblings sharing their first words
still differ) and fit_widths (table columns fitted to the room)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieve.app.text import clip, clip_apart, fit_widths

#: The Paris session's subjects (the second one twice: passing and sifted out).
PARIS = [
    "La carte citoyenne participative",
    "La carte citoyenne personnalisable",
    "La carte citoyenne, un programme d'éducation à la citoyenneté",
    "La carte citoyenne, un système d'échange local",
    "L'accueil des usagers en mairie d'arrondissement",
    "Le budget participatif de Paris",
    "La carte citoyenne, un programme d'éducation à la citoyenneté",
]


def test_sibling_subjects_drop_the_words_they_share():
    # the matrix at 80 columns: 19 cells for a title
    assert clip_apart(PARIS, 19) == [
        "La… participative",
        "La… personnalisable",
        "La… programme d'éd…",
        "La… système d'écha…",
        "L'accueil des usag…",
        "Le budget particip…",
        "La… programme d'éd…",
    ]


def test_each_text_has_its_own_width():
    # the first subject's line starts with its mark "① ": two cells fewer
    widths = [17, 19, 19, 19, 19, 19, 19]
    assert clip_apart(PARIS, widths)[:2] == ["La… participative", "La… personnalisable"]
    with pytest.raises(ValueError):
        clip_apart(PARIS, [19])


def test_the_first_words_that_fit_are_kept():
    titles = ["Atelier de la ville de Paris A", "Atelier de la ville de Paris B"]
    assert clip_apart(titles, 20) == ["Atelier de la… A", "Atelier de la… B"]
    titles = ["La carte citoyenne participative", "La carte citoyenne personnalisable"]
    assert clip_apart(titles, 14) == ["…participative", "La… personnal…"]


def test_a_plain_cut_that_tells_apart_is_kept_and_a_text_that_fits_is_whole():
    titles = ["Le budget participatif de Paris", "L'accueil des usagers en mairie"]
    assert clip_apart(titles, 12) == [clip(titles[0], 12), clip(titles[1], 12)]
    assert clip_apart(PARIS, 64) == PARIS
    assert clip_apart(["seul titre bien trop long"], 10) == ["seul titr…"]


def test_case_keys_keep_the_angle():
    keys = [
        "carte-participative/kiosque",
        "carte-participative/contributeurs",
        "echange-local/trocateur",
    ]
    assert clip_apart(keys, 19) == ["carte…/kiosque", "…contributeurs", "echange-local/troc…"]


def test_the_end_is_shown_when_no_break_comes_before_the_difference():
    assert clip_apart(["aaaaaaaaaaaa1", "aaaaaaaaaaaa2"], 6) == ["…aaaa1", "…aaaa2"]
    assert clip_apart(["abcdefghij-1", "abcdefghij-2"], 6) == ["…1", "…2"]


def test_a_dropped_word_that_told_a_third_text_apart_comes_back():
    # each one's closest sibling shares its first word; dropping it would show the
    # first and the third as "…program…", the others as "…carte"
    texts = ["citoyenne programme a", "citoyenne carte", "kiosque programme b", "kiosque carte"]
    assert clip_apart(texts, 9) == ["…gramme a", "…ne carte", "…gramme b", "…ue carte"]


def test_file_text_stays_literal():
    assert clip_apart(["a\x1b[2Jb"], 20) == ["a\\x1b[2Jb"]
    assert clip_apart(["x", "y"], 0) == ["", ""]


WORDS = st.sampled_from(
    ["la", "carte", "citoyenne", "un", "de", "système", "programme", "a", "x-y", "z/w", ","]
)
TITLES = st.lists(WORDS, min_size=1, max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLES, min_size=1, max_size=8), st.integers(0, 40))
def test_every_cut_fits_and_equal_texts_stay_equal(texts, width):
    out = clip_apart(texts, width)
    for text, shown in zip(texts, out, strict=True):
        assert len(shown) <= width
        if len(text) <= width:
            assert shown == text
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            if a == b:
                assert out[i] == out[j]


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLES, min_size=2, max_size=8, unique=True), st.integers(8, 40))
def test_titles_made_of_words_are_told_apart(texts, width):
    assert len(set(clip_apart(texts, width))) == len(texts)


def test_columns_that_fit_take_what_they_need():
    assert fit_widths([6, 11, 8, 5], [2, 2, 2, 5], 37) == [6, 11, 8, 5]
    assert fit_widths([3, 11], [8, 0], 40) == [8, 11]  # never under the least width


def test_the_widest_columns_give_way_first():
    # the relation view at 120 columns: two long names, the kind and the weight kept
    assert fit_widths([28, 11, 45, 5], [8, 11, 8, 5], 37) == [11, 11, 10, 5]
    # one long name: the short one keeps its width
    assert fit_widths([6, 11, 45, 5], [6, 11, 8, 5], 37) == [6, 11, 15, 5]
    # the stakeholder list at 200 columns
    natural = [84, 21, 40, 5, 7, 6, 10, 3]
    least = [18, 14, 14, 5, 7, 6, 10, 3]
    assert fit_widths(natural, least, 102) == [25, 21, 25, 5, 7, 6, 10, 3]


def test_columns_that_cannot_fit_keep_their_least_width():
    assert fit_widths([28, 11, 28, 5], [8, 11, 8, 5], 20) == [8, 11, 8, 5]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), min_size=1, max_size=8),
    st.integers(0, 200),
)
def test_fitted_columns_fill_the_room_or_need_no_more(columns, room):
    natural = [n for n, _ in columns]
    least = [m for _, m in columns]
    widths = fit_widths(natural, least, room)
    assert all(w >= m for w, m in zip(widths, least, strict=True))
    assert all(w <= max(n, m) for w, n, m in zip(widths, natural, least, strict=True))
    if sum(least) <= room:
        assert sum(widths) <= room
        assert sum(widths) == room or widths == [max(n, m) for n, m in columns]


def test_wrapped_breaks_at_ordinary_spaces_only_so_guillemets_keep_their_words():
    from sieve.app.text import wrapped

    line = "mention majoritaire «\u00a0Très bien\u00a0» contre «\u00a0Bien\u00a0» \x1b[2J"
    for width in range(14, len(line) + 8):
        rows = wrapped(line, width).split("\n")
        assert all(len(row) <= width for row in rows), width
        assert not any(row.endswith("«") or row.startswith("»") for row in rows), rows
        assert "\x1b" not in "".join(rows)  # file text stays literal
    assert wrapped("a b\n\nc", 10) == "a b\n\nc"
