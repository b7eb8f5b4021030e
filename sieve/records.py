"""Frozen records made cheaply: :func:`record` is ``dataclass(frozen=True, slots=True)``.

A dataclass writes the source of each method it adds (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, and ``__setattr__``/``__delattr__`` for a frozen one) and
compiles it when its class is created: six compilations per class, at every start,
that no bytecode cache keeps (about 0.6 ms a class; the model's 21 records cost 13 ms
of each start). :func:`record` lets the standard library make the class (fields,
``__slots__``, ``__match_args__``) and compiles one method, ``__init__``, whose
parameters are the fields; the others are closures made over the class's field
names, with the same behaviour as the generated ones (Python 3.11's): equality and
hashing on the tuple of the compared fields, the same ``repr``, the same
``FrozenInstanceError``, pickling and copying through the same
``__getstate__``/``__setstate__``. ``dataclasses.fields``, ``replace`` and ``asdict``
see an ordinary frozen dataclass.

Supported: fields with or without a default or a ``default_factory``, ``field(init=False)``,
``compare``/``hash``/``repr`` per field, ``__post_init__``. Not supported (refused, with
a ``TypeError`` naming the class): ``InitVar`` and keyword-only fields, and a class
that defines one of the methods a record makes.
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")

#: The methods a record makes (a class defining one of them is refused).
MADE = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


class _Factory:
    """The default of a parameter whose field has a ``default_factory``."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()

#: How a dataclass marks an ``InitVar`` pseudo-field (``Field._field_type``).
_INITVAR = dataclasses._FIELD_INITVAR


def record(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, with one method compiled instead of six."""
    for name in MADE:
        if name in cls.__dict__:
            raise TypeError(f"record {cls.__qualname__} defines {name}")
    documented = bool(cls.__dict__.get("__doc__"))
    made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
    fields = dataclasses.fields(made)
    for f in made.__dataclass_fields__.values():
        if f.kw_only or f._field_type is _INITVAR:
            raise TypeError(f"record {cls.__qualname__}: {f.name} is an InitVar or keyword-only")
    made.__init__ = _init(made, fields)
    made.__repr__ = _repr(made, tuple(f.name for f in fields if f.repr))
    compared = _key(tuple(f.name for f in fields if f.compare))
    made.__eq__ = _eq(made, compared)
    made.__hash__ = _hash(made, _key(tuple(f.name for f in fields if _hashed(f))))
    names = frozenset(f.name for f in fields)
    made.__setattr__, made.__delattr__ = _frozen(made, names)
    if "__getstate__" not in cls.__dict__:  # as a frozen dataclass with slots
        made.__getstate__, made.__setstate__ = _getstate, _setstate
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    if not documented:  # as dataclass words it: the class's signature
        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    return made


def _hashed(f: dataclasses.Field) -> bool:
    return f.compare if f.hash is None else f.hash


def _init(cls: type, fields: tuple[dataclasses.Field, ...]):
    """The record's ``__init__``: the fields' parameters, each set as a frozen
    dataclass sets it (``object.__setattr__``), then ``__post_init__``."""
    scope: dict[str, object] = {"__record_set__": object.__setattr__}
    scope["__record_factory__"] = _FACTORY
    params, lines, defaulted = ["self"], [], False
    for f in fields:
        if f.name == "self" or f.name.startswith("__record_"):
            raise TypeError(f"record {cls.__qualname__}: a field may not be called {f.name}")
        value = f.name
        if f.default_factory is not MISSING:
            scope[f"__record_make_{f.name}__"] = f.default_factory
            made = f"__record_make_{f.name}__()"
            value = f"{made} if {f.name} is __record_factory__ else {f.name}" if f.init else made
        elif not f.init:
            if f.default is MISSING:
                continue  # (a dataclass leaves it unset too)
            scope[f"__record_default_{f.name}__"] = f.default
            value = f"__record_default_{f.name}__"
        if f.init:
            if f.default is not MISSING:
                scope[f"__record_default_{f.name}__"] = f.default
                params.append(f"{f.name}=__record_default_{f.name}__")
                defaulted = True
            elif f.default_factory is not MISSING:
                params.append(f"{f.name}=__record_factory__")
                defaulted = True
            elif defaulted:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            else:
                params.append(f.name)
        lines.append(f"    __record_set__(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(lines) or "    pass") + "\n"
    exec(source, scope)  # (the source is made here, from the field names)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    return init


def _key(names: tuple[str, ...]):
    """The tuple of ``names``' values of a record (what a dataclass compares and hashes)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _named(function, cls: type, name: str):
    function.__name__ = name
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    function.__module__ = cls.__module__
    return function


def _repr(cls: type, names: tuple[str, ...]):
    def __repr__(self) -> str:
        pieces = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        return f"{self.__class__.__qualname__}({pieces})"

    return _named(reprlib.recursive_repr()(__repr__), cls, "__repr__")


def _eq(cls: type, key):
    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return _named(__eq__, cls, "__eq__")


def _hash(cls: type, key):
    def __hash__(self) -> int:
        return hash(key(self))

    return _named(__hash__, cls, "__hash__")


def _frozen(cls: type, names: frozenset[str]):
    def __setattr__(self, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return _named(__setattr__, cls, "__setattr__"), _named(__delattr__, cls, "__delattr__")


def _getstate(self) -> list[object]:
    """The fields' values (a frozen record with slots pickles and copies by them)."""
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self, state: list[object]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)
