"""Benchmark: the row digests of an import, in isolation, against ways of digesting the same cells otherwise.

    python tests/benchmarks/bench_import_digests.py [--rows 50000] [--rounds 7]

It writes bench_import's messy .xlsx, reads its data rows once as the import reads them (Table.rows: the cells
exactly as the reader gives them), then times digesting every row, alternating the ways in each round:

  judge         services.importing.judge.row_digester as the import calls it: one repr of the whole row, one
                update of a copy of the keyed blake2b made once per import, hexdigest — the baseline
  new hasher    hashlib.blake2b(repr, digest_size=16, key=...) created for every row (same digests)
  per cell      a copy of the keyed hasher, fed the same text a cell at a time: '[', each cell's repr with ', '
                between, ']' (same digests; without the separators the text would not tell [1.0, 20.0] from
                [1.02, 0.0])
  joined        the same text as bytes: b', '.join of the cells' encoded reprs, all in C (same digests)
  blake2s       the same as judge with a keyed blake2s (other digests; the text made by one more call a row)
  json          json's C encoder, ASCII, dates as {type: repr} (other digests)
  repr only / repr+encode   the floor: what the row's text costs without any hashing

Each figure: median of the rounds, min–max, ratio to the same round's `judge` (median of the ratios). Ways that
give the same digests are checked to give them. Not collected by pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from json import encoder as json_encoder
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_import  # next to this file, not a package

from openlic_desktop.services.importing import judge
from openlic_desktop.services.importing.read import Table

Rows = list[list[Any]]


def _ways(key: bytes) -> dict[str, tuple[Callable[[Rows], list[Any]], bool]]:
    """name → (digest every row, gives judge's digests)."""
    keyed = hashlib.blake2b(digest_size=16, key=key)
    keyed_s = hashlib.blake2s(digest_size=16, key=key)
    blake2b = hashlib.blake2b

    def judged(rows: Rows) -> list[str]:
        digest = judge.row_digester(key)
        return [digest(cells) for cells in rows]

    def new_hasher(rows: Rows) -> list[str]:
        return [blake2b(repr(cells).encode(), digest_size=16, key=key).hexdigest() for cells in rows]

    opened = keyed.copy()
    opened.update(b"[")

    def per_cell(rows: Rows) -> list[str]:
        out = []
        for cells in rows:
            hasher = opened.copy()
            for i, cell in enumerate(cells):
                if i:
                    hasher.update(b", ")
                hasher.update(repr(cell).encode())
            hasher.update(b"]")
            out.append(hasher.hexdigest())
        return out

    def joined(rows: Rows) -> list[str]:
        out = []
        for cells in rows:
            hasher = opened.copy()
            hasher.update(b", ".join(map(str.encode, map(repr, cells))))
            hasher.update(b"]")
            out.append(hasher.hexdigest())
        return out

    def copying(start: Any, text: Callable[[list[Any]], bytes]) -> Callable[[Rows], list[str]]:
        """A way shaped as judge's: a function called per row, a copy of `start` updated once with the text."""
        def digest(cells: list[Any]) -> str:
            hasher = start.copy()
            hasher.update(text(cells))
            return hasher.hexdigest()

        return lambda rows: [digest(cells) for cells in rows]

    encode = json_encoder.c_make_encoder(None, lambda o: {type(o).__name__: repr(o)},
                                         json_encoder.encode_basestring_ascii, ",", ":", ",", False, False, True)
    blake2s = copying(keyed_s, lambda cells: repr(cells).encode())
    as_json = copying(keyed, lambda cells: "".join(encode(cells, 0)).encode())

    return {"judge": (judged, True), "new hasher": (new_hasher, True), "per cell": (per_cell, True),
            "joined": (joined, True),
            "blake2s": (blake2s, False), "json": (as_json, False),
            "repr only": (lambda rows: [repr(cells) for cells in rows], False),
            "repr+encode": (lambda rows: [repr(cells).encode() for cells in rows], False)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_digests_") as tmp:
        path = Path(tmp) / "messy.xlsx"
        bench_import.write_workbook(path, args.rows)
        with Table(path) as table:
            mapping = table.layout.mapping
            rows = [cells for _row, cells in table.rows()]
    key = judge.digest_key(mapping)
    ways = _ways(key)
    expected = ways["judge"][0](rows)
    for name, (way, same) in ways.items():
        if same:
            assert way(rows) == expected, name
    print(f"{len(rows):,} rows of {len(rows[0])} cells; {args.rounds} rounds, ways alternated in each")
    times: dict[str, list[float]] = {name: [] for name in ways}
    gc.disable()  # as the import reads its rows (support.gc_pause)
    try:
        for _round in range(args.rounds):
            for name, (way, _same) in ways.items():
                start = time.perf_counter()
                way(rows)
                times[name].append(time.perf_counter() - start)
    finally:
        gc.enable()
    base = times["judge"]
    for name, values in times.items():
        ratio = statistics.median(v / b for v, b in zip(values, base, strict=True))
        print(f"  {name:12s} {statistics.median(values) * 1000:6.1f} ms ({min(values) * 1000:.1f}–"
              f"{max(values) * 1000:.1f})  {ratio:.2f}× judge")
    print(json.dumps({name: round(statistics.median(values) * 1000, 1) for name, values in times.items()}))


if __name__ == "__main__":
    main()
