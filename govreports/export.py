"""Write every mart to Parquet or CSV files, for tools that cannot read DuckDB files.

CSV files start with a UTF-8 byte-order mark by default: Excel reads a CSV without one in the
machine's legacy code page, which turns every Chinese character into mojibake. pandas, R's
readr, polars and DuckDB skip the mark; ``bom=False`` leaves it out for tools that do not.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from loaders.warehouse import connect

FORMATS = ("parquet", "csv")
UTF8_BOM = b"\xef\xbb\xbf"


def mart_names(warehouse: Path) -> list[str]:
    with connect(warehouse, read_only=True) as con:
        rows = con.execute(
            """
            select table_name from information_schema.tables
            where table_schema = 'marts' order by table_name
            """
        ).fetchall()
    return [name for (name,) in rows]


def export_marts(
    warehouse: Path, fmt: str, out_dir: Path, bom: bool = True
) -> list[tuple[Path, int]]:
    """One file per mart in ``out_dir``; returns each file with its row count. CSV files
    start with a byte-order mark unless ``bom`` is false."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(
            20, "exists and is not a folder: name a folder to export into", str(out_dir)
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    names = mart_names(warehouse)
    with connect(warehouse, read_only=True) as con:
        for name in names:
            path = out_dir / f"{name}.{fmt}"
            options = "format parquet" if fmt == "parquet" else "format csv, header true"
            # a quote in the folder's name is doubled, as SQL string literals want
            quoted = str(path).replace("'", "''")
            con.execute(f"copy marts.\"{name}\" to '{quoted}' ({options})")
            if fmt == "csv" and bom:
                _prepend_bom(path)
            (rows,) = con.execute(f'select count(*) from marts."{name}"').fetchone()
            written.append((path, rows))
    return written


def _prepend_bom(path: Path) -> None:
    """Put a byte-order mark before the file's bytes (DuckDB's COPY writes none)."""
    marked = path.with_name(path.name + ".bom")
    with path.open("rb") as source, marked.open("wb") as target:
        target.write(UTF8_BOM)
        shutil.copyfileobj(source, target, 1 << 20)
    os.replace(marked, path)
