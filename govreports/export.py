"""Write every mart to Parquet or CSV files, for tools that cannot read DuckDB files."""

from __future__ import annotations

from pathlib import Path

from loaders.warehouse import connect

FORMATS = ("parquet", "csv")


def mart_names(warehouse: Path) -> list[str]:
    with connect(warehouse, read_only=True) as con:
        rows = con.execute(
            """
            select table_name from information_schema.tables
            where table_schema = 'marts' order by table_name
            """
        ).fetchall()
    return [name for (name,) in rows]


def export_marts(warehouse: Path, fmt: str, out_dir: Path) -> list[tuple[Path, int]]:
    """One file per mart in ``out_dir``; returns each file with its row count."""
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
            (rows,) = con.execute(f'select count(*) from marts."{name}"').fetchone()
            written.append((path, rows))
    return written
