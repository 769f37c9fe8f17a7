"""Compare the marts of two warehouses row for row: the check that a refactoring changed nothing.

Usage (from the repository root)::

    .venv/bin/python scripts/compare_marts.py BEFORE.duckdb AFTER.duckdb

For every table of the ``marts`` schema in either file it prints the rows only one side has and,
when the rows pair up on a key (the first ``…_id`` column unique on both sides), which columns
differ.
Columns that record when a row was made (``loaded_at``) are left out. Exits 1 when anything
differs, 0 when every mart is identical.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

# columns that hold when a row was written, not what it says
VOLATILE_COLUMNS = frozenset({"loaded_at", "built_at"})


@dataclass(frozen=True)
class MartDifference:
    table: str
    only_before: int
    only_after: int
    differing_columns: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return self.only_before == 0 and self.only_after == 0


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[str]]:
    rows = con.execute(
        """
        select table_name, list(column_name order by ordinal_position)
        from information_schema.columns
        where table_catalog = ? and table_schema = 'marts'
        group by table_name
        """,
        [catalog],
    ).fetchall()
    return {name: columns for name, columns in rows}


def compare(before: Path, after: Path) -> list[MartDifference]:
    """The differences, one per mart (a mart missing on one side counts all its rows)."""
    con = duckdb.connect()
    try:
        for alias, path in (("before", before), ("after", after)):
            quoted = str(path.resolve()).replace("'", "''")
            con.execute(f"attach '{quoted}' as {alias} (read_only)")
        tables_before, tables_after = _tables(con, "before"), _tables(con, "after")
        differences = []
        for table in sorted(set(tables_before) | set(tables_after)):
            if table not in tables_before or table not in tables_after:
                side = "after" if table in tables_after else "before"
                (count,) = con.execute(f'select count(*) from {side}.marts."{table}"').fetchone()
                differences.append(
                    MartDifference(
                        table,
                        count if side == "before" else 0,
                        count if side == "after" else 0,
                        ("(table missing)",),
                    )
                )
                continue
            differences.append(
                _compare_table(con, table, tables_before[table], tables_after[table])
            )
        return differences
    finally:
        con.close()


def _compare_table(
    con: duckdb.DuckDBPyConnection, table: str, before: list[str], after: list[str]
) -> MartDifference:
    shared = [c for c in before if c in after and c not in VOLATILE_COLUMNS]
    columns = ", ".join(f'"{c}"' for c in shared)

    def only(left: str, right: str) -> int:
        (count,) = con.execute(
            f'select count(*) from (select {columns} from {left}.marts."{table}" '
            f'except all select {columns} from {right}.marts."{table}")'
        ).fetchone()
        return count

    only_before, only_after = only("before", "after"), only("after", "before")
    differing = [f"{c} (only before)" for c in before if c not in after]
    differing += [f"{c} (only after)" for c in after if c not in before]
    key_column = _unique_key(con, table, shared)
    if (only_before or only_after) and key_column is not None:
        key = f'"{key_column}"'
        for column in (c for c in shared if c != key_column):
            (count,) = con.execute(
                f'select count(*) from before.marts."{table}" as b '
                f'join after.marts."{table}" as a on b.{key} = a.{key} '
                f'where b."{column}" is distinct from a."{column}"'
            ).fetchone()
            if count:
                differing.append(f"{column} ({count} rows)")
    return MartDifference(table, only_before, only_after, tuple(differing))


def _unique_key(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> str | None:
    """The first ``…_id`` column unique on both sides: rows pair up on it."""
    for column in (c for c in columns if c.endswith("_id")):
        unique = all(
            con.execute(
                f'select count(*) = count(distinct "{column}") from {side}.marts."{table}"'
            ).fetchone()[0]
            for side in ("before", "after")
        )
        if unique:
            return column
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: compare_marts.py BEFORE.duckdb AFTER.duckdb", file=sys.stderr)
        return 2
    differences = compare(Path(argv[0]), Path(argv[1]))
    for difference in differences:
        if difference.is_empty and not difference.differing_columns:
            print(f"{difference.table}: identical")
            continue
        print(
            f"{difference.table}: {difference.only_before} rows only before, "
            f"{difference.only_after} only after; differing: "
            f"{', '.join(difference.differing_columns) or '-'}"
        )
    return 0 if all(d.is_empty and not d.differing_columns for d in differences) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
