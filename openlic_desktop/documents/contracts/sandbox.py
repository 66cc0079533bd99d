"""The sandbox every contract template is rendered in.

`make_env()` is the only Jinja environment templates ever see: a sandbox (no attribute access to internals, no
code), no loader and a parse-time refusal of include/import/extends (no file access), attribute access only on the
plain values the context is made of, bounded `range` and string/list repetition.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

_SAFE_TYPES = (str, int, float, bool, Decimal, date, dict, list, tuple, LoopContext, Undefined, type(None))
_FORBIDDEN_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
MAX_RANGE = 10_000
MAX_REPEAT = 100_000


class _ContractEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for contract templates. Refuses include/import/extends when parsing (there is no loader either)."""

    intercepted_binops = frozenset({"*", "**"})

    def _parse(self, source, name, filename):  # the one place every template passes through
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_FORBIDDEN_NODES):
            raise SecurityError(f"{type(node).__name__.lower()} is not allowed in a contract template")
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Templates only ever see plain values: anything else (the template reference `self`, macros,
        # functions, modules) has no attribute a contract needs.
        if not isinstance(obj, _SAFE_TYPES):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if isinstance(right, (int, float, Decimal)) and abs(right) > 64:
                raise SecurityError("exponent too large")
            return left**right
        result_size = 0
        if isinstance(left, (str, list, tuple)) and isinstance(right, int):
            result_size = len(left) * right
        elif isinstance(right, (str, list, tuple)) and isinstance(left, int):
            result_size = len(right) * left
        if result_size > MAX_REPEAT:
            raise SecurityError("repetition too large")
        return left * right


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(f"range longer than {MAX_RANGE}")
    return rng


def make_env(strict: bool = True) -> _ContractEnvironment:
    """strict: a field missing from the data is an error (drafting); previews show it empty instead."""
    env = _ContractEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined, loader=None)
    env.globals.clear()
    env.globals["range"] = _bounded_range
    return env
