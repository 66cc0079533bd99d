"""The sandbox every contract template is rendered in, and the worker process an office's template runs in.

Two layers, because Jinja's sandbox bounds what a template may touch, not how much work it does:

1. `make_env()` is the only Jinja environment templates ever see: a sandbox (no attribute access to internals, no
   code), no loader and a parse-time refusal of include/import/extends (no file access), attribute access only on
   the plain values the context is made of, and cheap refusals of the obvious ways to ask for a lot of work —
   `range` beyond MAX_RANGE, repetition (`'x' * n`), `ljust`/`center`/`zfill` widths and `format` widths beyond
   MAX_REPEAT, the `center`/`indent`/`wordwrap`/`truncate` filters likewise, `**` results beyond MAX_POWER_BITS.
2. `Worker`: a template the office brought is rendered in a process of its own (multiprocessing, spawn), so no
   template can take the program down with it. What holds where:
   - Linux: the worker's address space is capped (RLIMIT_AS: what it holds at start plus `memory_bytes`) and each
     call gets `cpu_seconds` of CPU (RLIMIT_CPU, raised call by call); past either the worker fails or is killed.
   - macOS: RLIMIT_CPU holds as on Linux; the address-space cap is not enforced by the system (RLIMIT_DATA is
     tried instead and holds only for some allocations).
   - Windows (no setrlimit, and no job objects here): no CPU or memory cap in the worker. The parent's own guards
     hold everywhere: a wall-clock limit per call (`wall_seconds`; the worker is killed when it passes) and the
     cap on output (`output_bytes` per rendered part, enforced while the output is produced and again when it
     arrives).
   Past any limit the call fails with CONTRACT_TEMPLATE_LIMIT naming which one; the worker is then discarded.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Self

from jinja2 import StrictUndefined, Template, nodes
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from openlic_desktop.support.errors import InputError, OpenLicError

_SAFE_TYPES = (str, int, float, bool, Decimal, date, dict, list, tuple, LoopContext, Undefined, type(None))
_FORBIDDEN_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
MAX_RANGE = 10_000
MAX_REPEAT = 100_000           # characters or items one expression may produce
MAX_POWER_BITS = 100_000       # the size of a power's result
_WIDTH_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_FORMAT_NUMBERS = re.compile(r"\d+")


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
            # left == left is False only for NaN, which int() cannot take (math.isnan would refuse a huge int)
            number = isinstance(left, (int, float, Decimal)) and left == left  # noqa: PLR0124
            base = abs(int(left)) if number else 0
            if isinstance(right, (int, float, Decimal)) and right > 0 and base.bit_length() * right > MAX_POWER_BITS:
                raise SecurityError("power too large")
            return left**right
        result_size = 0
        if isinstance(left, (str, list, tuple)) and isinstance(right, int):
            result_size = len(left) * right
        elif isinstance(right, (str, list, tuple)) and isinstance(left, int):
            result_size = len(right) * left
        if result_size > MAX_REPEAT:
            raise SecurityError("repetition too large")
        return left * right

    def call(self, context, obj, /, *args, **kwargs):
        # Jinja's signature, positional-only: a template may pass keyword arguments named self, context or obj
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if isinstance(owner, str):
            if name in _WIDTH_METHODS and any(isinstance(a, int) and a > MAX_REPEAT for a in args):
                raise SecurityError(f"{name} width too large")
            if name in ("format", "format_map") and _too_wide(owner):
                raise SecurityError("format width too large")
        return super().call(context, obj, *args, **kwargs)


def _too_wide(fmt: str) -> bool:
    """A format string with a width or precision beyond MAX_REPEAT in one of its fields."""
    for field in re.findall(r"\{[^{}]*\}", fmt):
        spec = field.partition(":")[2]
        if any(int(n) > MAX_REPEAT for n in _FORMAT_NUMBERS.findall(spec)):
            return True
    return False


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(f"range longer than {MAX_RANGE}")
    return rng


def _bounded(filter_function: Callable[..., Any], name: str, position: int) -> Callable[..., Any]:
    """A filter whose width argument (the `position`th after the value) is refused beyond MAX_REPEAT."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args[1 + position:2 + position]] + [v for v in kwargs.values()]
        if any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_REPEAT for v in values):
            raise SecurityError(f"{name} width too large")
        return filter_function(*args, **kwargs)

    return bounded


class _CappedTemplate(Template):
    """A template whose output is joined as it is produced and refused past the output limit (render_capped):
    docxtpl renders through `render`, so its path is capped too."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return render_capped(self.generate(*args, **kwargs), LIMITS.output_bytes)


def make_env(strict: bool = True) -> _ContractEnvironment:
    """strict: a field missing from the data is an error (drafting); previews show it empty instead."""
    env = _ContractEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined, loader=None)
    env.template_class = _CappedTemplate
    env.globals.clear()
    env.globals["range"] = _bounded_range
    for name in ("center", "indent", "wordwrap", "truncate"):
        env.filters[name] = _bounded(env.filters[name], name, 0)
    return env


def render_capped(parts: Iterable[str], cap: int) -> str:
    """Join a template's output as it is produced (`Template.generate`), refusing it once it passes `cap`
    characters: output concatenation (a loop writing a long string again and again) stops there, on every
    system, before it fills the memory."""
    out: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > cap:
            raise InputError("CONTRACT_TEMPLATE_LIMIT", limit="output", value=f"{cap:,}")
        out.append(part)
    return "".join(out)


# --- the worker process --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 30                 # CPU per call (a batch call: per contract, see `Worker.call`)
    memory_bytes: int = 1536 * 1024**2    # address space the worker may take beyond what it holds at start
    output_bytes: int = 32 * 1024**2      # characters of one rendered part; bytes of one rendered document x 2
    wall_seconds: float = 120.0           # a call's wall-clock time, the parent's guard everywhere


LIMITS = Limits()


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _cap_memory(extra: int) -> None:
    import resource

    if sys.platform.startswith("linux"):
        base = _vm_bytes()
        if base:
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            cap = base + extra if hard == resource.RLIM_INFINITY else min(base + extra, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    else:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (extra, extra))


def _cpu_budget(seconds: int) -> None:
    """Allow `seconds` more CPU from now (the soft limit moves up call by call; SIGXCPU past it)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = used + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _serve(conn: Any, limits: Limits) -> None:
    """The worker's loop: requests (operation, arguments) in, ("ok", value) or ("error", code, params) out."""
    global LIMITS
    LIMITS = limits  # the output cap inside the worker is the parent's
    posix = os.name == "posix"
    if posix:
        # the worker imports what it renders with before its memory is capped, so the cap is on the work
        from openlic_desktop.documents.contracts import check, render

        _cap_memory(limits.memory_bytes)
    from openlic_desktop.documents.contracts import check, render

    prepared: Any = None
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        operation, args = request
        try:
            if posix:
                _cpu_budget(limits.cpu_seconds)
            if operation == "render_docx":
                value = render.render_docx_here(*args)
            elif operation == "prepare":
                prepared = render.PreparedTemplate(*args)
                value = None
            elif operation == "render_prepared":
                value = prepared.render(*args)
            elif operation == "check":
                value = check.check_template_here(*args)
            else:
                raise ValueError(f"unknown operation {operation!r}")
            if isinstance(value, bytes) and len(value) > 2 * limits.output_bytes:
                raise InputError("CONTRACT_TEMPLATE_LIMIT", limit="output", value=f"{2 * limits.output_bytes:,}")
            conn.send(("ok", value))
        except OpenLicError as exc:
            conn.send(("error", exc.code, exc.params))
        except MemoryError:
            conn.send(("error", "CONTRACT_TEMPLATE_LIMIT", {"limit": "memory",
                                                           "value": f"{limits.memory_bytes // 1024**2:,} MB"}))
        except Exception as exc:  # noqa: BLE001 — whatever a template did, the parent gets a refusal, not a trace
            conn.send(("error", "CONTRACT_TEMPLATE_RENDER_FAILED", {"reason": f"{type(exc).__name__}: {exc}"[:300]}))


class Worker:
    """A process that renders contract templates under `limits`; one per job (a check, a preview, a batch).
    Use as a context manager. Thread rule: one thread at a time."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or LIMITS
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, self.limits), daemon=True,
                                    name="openlic-template-worker")
        self._process.start()
        child.close()

    def call(self, operation: str, *args: Any) -> Any:
        self._conn.send((operation, args))
        if not self._conn.poll(self.limits.wall_seconds):
            self._kill()
            raise InputError("CONTRACT_TEMPLATE_LIMIT", limit="time", value=f"{self.limits.wall_seconds:g} s")
        try:
            reply = self._conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        if reply[0] == "ok":
            return reply[1]
        _, code, params = reply
        raise InputError(code, **params)

    def _died(self) -> InputError:
        self._process.join(5)
        code = self._process.exitcode
        if code is not None and code < 0 and -code == getattr(signal, "SIGXCPU", -1):
            return InputError("CONTRACT_TEMPLATE_LIMIT", limit="cpu", value=f"{self.limits.cpu_seconds} s")
        return InputError("CONTRACT_TEMPLATE_LIMIT", limit="memory",
                          value=f"{self.limits.memory_bytes // 1024**2:,} MB")

    def _kill(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5)

    def close(self) -> None:
        if self._process.is_alive():
            with contextlib.suppress(OSError, BrokenPipeError):
                self._conn.send(None)
            self._process.join(2)
        self._kill()
        self._conn.close()

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Starting a worker costs about a second (a new interpreter importing docxtpl, lxml and Jinja): one is kept and
# reused call after call — a preview after each change in the contract dialog, the checks of a session — and
# replaced after a call ran into a limit (its memory or CPU may be spent).
_shared: Worker | None = None
_shared_lock = threading.Lock()


@contextlib.contextmanager
def worker() -> Iterator[Worker]:
    """The shared worker, for one job at a time (a batch holds it throughout)."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            _shared = Worker()
        try:
            yield _shared
        except InputError as exc:
            if exc.code == "CONTRACT_TEMPLATE_LIMIT":
                _shared.close()
                _shared = None
            raise
        except BaseException:
            _shared.close()  # a cancel or an error of ours half-way through: start clean next time
            _shared = None
            raise


def _close_shared() -> None:
    if _shared is not None:
        _shared.close()


atexit.register(_close_shared)
