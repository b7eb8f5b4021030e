"""sieve.records.record behaves as ``dataclass(frozen=True, slots=True)``, compiling less."""

from __future__ import annotations

import builtins
import copy
import dataclasses
import inspect
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

import sieve.engine.evaluate
import sieve.engine.vigilance
import sieve.model
import sieve.records
from sieve.records import record


def _pair(post_init: bool = True):
    """The same class body made by ``record`` and by the standard library."""

    def body():
        class Thing:
            """A thing."""

            name: str
            size: float
            tags: tuple[str, ...] = ()
            extra: dict[str, int] = field(default_factory=dict)
            index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
            seen: int = field(default=0, init=False)
            digest: str = field(default="", compare=False)
            both: list[int] = field(default_factory=list, hash=False)

            if post_init:

                def __post_init__(self) -> None:
                    object.__setattr__(self, "index", {t: i for i, t in enumerate(self.tags)})

            @property
            def big(self) -> bool:
                return self.size > 10

        return Thing

    return record(body()), dataclass(frozen=True, slots=True)(body())


MADE, STOCK = _pair()
# module-level, so that pickle finds them
MADE.__qualname__ = MADE.__name__ = "MadeThing"
STOCK.__qualname__ = STOCK.__name__ = "StockThing"
MadeThing, StockThing = MADE, STOCK


def _both(*args, **kwargs):
    return MADE(*args, **kwargs), STOCK(*args, **kwargs)


def _values(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def test_constructed_alike() -> None:
    made, stock = _both("a", 2.5, ("x", "y"), {"k": 1}, digest="d")
    assert _values(made) == _values(stock)
    assert made.index == {"x": 0, "y": 1}  # __post_init__ ran
    assert made.seen == 0 and made.big is False
    first, second = MADE("a", 1), MADE("b", 1)
    assert first.extra is not second.extra  # a fresh default from each factory
    assert str(inspect.signature(MADE)) == str(inspect.signature(STOCK))
    wrong = [((), {}), (("a",), {}), (("a", 1), {"seen": 3}), (("a", 1, 2, 3, 4, 5, 6, 7), {})]
    for args, kwargs in wrong:
        with pytest.raises(TypeError) as made_error:
            MADE(*args, **kwargs)
        with pytest.raises(TypeError) as stock_error:
            STOCK(*args, **kwargs)
        assert str(made_error.value).split("(")[-1] == str(stock_error.value).split("(")[-1]


def test_repr_eq_hash_alike() -> None:
    made, stock = _both("a", 2.5, ("x",), {"k": 1})
    assert repr(made).replace("MadeThing", "T") == repr(stock).replace("StockThing", "T")
    assert made == MADE("a", 2.5, ("x",), {"k": 1}, digest="other")  # digest: compare=False
    assert made != MADE("a", 2.5, ("y",), {"k": 1})
    assert made != stock and (made == 3) is False
    assert made.__eq__(3) is NotImplemented
    hashable = MADE("a", 2.5, ("x",), {}), STOCK("a", 2.5, ("x",), {})
    with pytest.raises(TypeError):  # a dict field is hashed, as a dataclass hashes it
        hash(hashable[0])
    with pytest.raises(TypeError):
        hash(hashable[1])

    @record
    class Key:
        """A hashable record."""

        a: str
        b: int = 0
        note: str = field(default="", compare=False)

    @dataclass(frozen=True, slots=True)
    class StockKey:
        a: str
        b: int = 0
        note: str = field(default="", compare=False)

    assert hash(Key("x", 1, "n")) == hash(StockKey("x", 1, "m")) == hash(("x", 1))
    assert {Key("x", 1): 1}[Key("x", 1, "other")] == 1

    @record
    class One:
        """One field."""

        value: float

    nan = float("nan")
    assert One(nan) == One(nan)  # compared as tuples: identity first, as a dataclass does
    assert One(1) == One(1.0) and One(1) != One(2)
    assert hash(One(1)) == hash((1,))


def test_frozen_alike() -> None:
    made, stock = _both("a", 2.5)
    for obj in (made, stock):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'name'"):
            obj.name = "b"
        with pytest.raises(FrozenInstanceError, match="cannot delete field 'size'"):
            del obj.size
        assert not hasattr(obj, "__dict__")
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
        made.other = 1
    # (Python 3.11's own raises TypeError there: its __setattr__ names the class it
    # had before its slots were added)
    with pytest.raises((FrozenInstanceError, TypeError)):
        stock.other = 1
    assert MADE.__slots__ == STOCK.__slots__
    assert MADE.__match_args__ == STOCK.__match_args__
    assert MADE.__dataclass_params__.frozen and MADE.__dataclass_params__.eq


def test_dataclass_tools_alike() -> None:
    made, stock = _both("a", 2.5, ("x",))
    assert dataclasses.is_dataclass(made)
    names = [(f.name, f.init, f.compare, f.repr, f.hash) for f in dataclasses.fields(made)]
    assert names == [(f.name, f.init, f.compare, f.repr, f.hash) for f in dataclasses.fields(stock)]
    changed = dataclasses.replace(made, size=3.0)
    assert changed.size == 3.0 and changed.tags == ("x",) and changed.index == {"x": 0}
    assert dataclasses.asdict(made) == dataclasses.asdict(stock)
    for again in (copy.copy(made), copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert again == made and _values(again) == _values(made)
    match made:
        case MadeThing("a", size):
            assert size == 2.5
        case _:
            raise AssertionError("no match")


def test_refused() -> None:
    with pytest.raises(TypeError, match="defines __eq__"):

        @record
        class Eq:
            a: int

            def __eq__(self, other):
                return True

    with pytest.raises(TypeError, match="keyword-only"):

        @record
        class KwOnly:
            a: int = field(kw_only=True)

    with pytest.raises(TypeError, match="follows default argument"):

        @record
        class Order:
            a: int = 0
            b: int


def test_one_function_compiled_per_record(monkeypatch) -> None:
    """What makes a record cheap: the standard library compiles six functions for a frozen
    dataclass (each with ``exec``), a record one."""
    calls = []
    original = builtins.exec

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(builtins, "exec", counting)
    made, _stock = _pair()
    assert len(calls) == 1 + 6
    assert "def __init__(self, name, size, tags=" in calls[0]


@pytest.mark.parametrize("module", [sieve.model, sieve.engine.evaluate, sieve.engine.vigilance])
def test_the_model_and_the_evaluation_are_records(module) -> None:
    """Every record of the model and of the evaluation is made by ``record`` and has the
    signature a frozen dataclass of the same fields would have."""
    found = [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and obj.__module__ == module.__name__
    ]
    assert found
    for cls in found:
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        assert cls.__eq__.__code__.co_filename == sieve.records.__file__  # not compiled
        assert cls.__dataclass_params__.frozen
        stock = dataclasses.make_dataclass(
            cls.__name__,
            [(f.name, f.type, copy.copy(f)) for f in dataclasses.fields(cls)],
            frozen=True,
            slots=True,
        )
        assert str(inspect.signature(cls)) == str(inspect.signature(stock))
