"""``NamedTuple`` for the modules a lookup loads, without importing :mod:`typing`.

Importing :mod:`typing` costs about a quarter of an empty interpreter's start-up, and
``glossary lookup`` has a start-up budget of three (docs/scale.md).  The modules on its path
write ``from glossary._tuples import NamedTuple``: type checkers see
:class:`typing.NamedTuple` itself; at run time a class body with annotated fields,
defaults, methods and properties becomes the :func:`collections.namedtuple` that
:class:`typing.NamedTuple` would have made of it.

>>> class Point(NamedTuple):
...     x: int
...     y: int = 0
...     def norm(self) -> int:
...         return abs(self.x) + abs(self.y)
>>> Point(3, -4), Point(3, -4).norm(), Point(5)._replace(y=1), Point._fields
(Point(x=3, y=-4), 7, Point(x=5, y=1), ('x', 'y'))
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    #: What the class body may not define (the named tuple makes them), as in typing.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__", "__qualname__"})

    class _Maker(type):
        def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, object]) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(mcls, name, bases, ns)
            fields = list(ns.get("__annotations__", {}))
            defaults = [ns[f] for f in fields if f in ns]
            if defaults and any(f not in ns for f in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with")
            made = collections.namedtuple(
                name, fields, defaults=defaults, module=str(ns["__module__"])
            )
            made.__annotations__ = dict(ns.get("__annotations__", {}))
            made.__doc__ = str(ns.get("__doc__") or made.__doc__)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Maker):
        """Base class of a named tuple (see the module docstring)."""
