#!/usr/bin/env bash
# Re-measure which Python tools read a warehouse file: DuckDB's Python package in several
# versions, then pandas, polars, ibis and SQLAlchemy + duckdb-engine on one DuckDB version.
# Prints the rows of the table in docs/compatibility.md.
#
#   bash scripts/check_compatibility.sh path/to/warehouse.duckdb
#
# It installs packages from PyPI into throwaway venvs under a temporary folder and removes
# them at the end, so it is not part of `make test`. Every open is read-only; the script
# checks that the file's checksum is the same afterwards.
#
# Environment (optional):
#   DUCKDB_VERSIONS  the duckdb versions to try (default: one per minor line from 1.0)
#   TOOLS_DUCKDB     the duckdb version installed beside pandas, polars, ibis (default 1.5.6)
#   SQLALCHEMY       default 2.0.53 (the version pyproject.toml pins)
#   DUCKDB_ENGINE    default 0.17.0 (the version pyproject.toml pins)
#   PYTHON           the interpreter for the venvs (default python3)
#   KEEP=1           keep the temporary folder and print its path
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
    echo "usage: bash scripts/check_compatibility.sh path/to/warehouse.duckdb" >&2
    exit 2
fi
DB="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
PYTHON="${PYTHON:-python3}"
DUCKDB_VERSIONS="${DUCKDB_VERSIONS:-1.0.0 1.1.3 1.2.2 1.3.2 1.4.0 1.4.5 1.5.0 1.5.6 2.0.0 2.0.1}"
TOOLS_DUCKDB="${TOOLS_DUCKDB:-1.5.6}"
SQLALCHEMY="${SQLALCHEMY:-2.0.53}"
DUCKDB_ENGINE="${DUCKDB_ENGINE:-0.17.0}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/govreports-compat.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
    echo "keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

# A venv with the given requirements; returns non-zero if pip cannot install them.
make_venv() {
    local dir="$1"
    shift
    "$PYTHON" -m venv "$dir" >/dev/null
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@" \
        >"$dir.pip.log" 2>&1
}

cat >"$WORK/probe_duckdb.py" <<'PY'
"""Open the warehouse read-only with the installed duckdb; print one table row."""
import sys

import duckdb

db = sys.argv[1]
ver = duckdb.__version__


def first_line(e):
    return (str(e).strip().splitlines() or [""])[0][:200]


try:
    con = duckdb.connect(db, read_only=True)
except Exception as e:
    print(f"| duckdb (Python) | {ver} | no | - | - | refuses: `{type(e).__name__}: {first_line(e)}` |")
    sys.exit(0)
n = con.execute("select count(*) from marts.goals").fetchone()[0]
region = con.execute(
    "select region from marts.reports where region is not null limit 1"
).fetchone()[0]
cjk = "ok" if any("\u4e00" <= ch <= "\u9fff" for ch in region) else "NOT CJK"
tables = con.execute(
    "select count(*) from duckdb_tables() where schema_name = 'marts' and comment <> ''"
).fetchone()[0]
columns = con.execute(
    "select count(*) from duckdb_columns() where schema_name = 'marts' and comment <> ''"
).fetchone()[0]
print(
    f"| duckdb (Python) | {ver} | yes | {n} goals; region {region} ({cjk}) "
    f"| {tables} tables, {columns} columns | `duckdb.connect(path, read_only=True)` |"
)
PY

cat >"$WORK/probe_tools.py" <<'PY'
"""Read the warehouse through one library; print one or two table rows."""
import importlib.metadata as md
import sys

db, which = sys.argv[1], sys.argv[2]
Q_N = "select count(*) as n from marts.goals"
Q_R = "select region from marts.reports where region is not null limit 1"


def v(pkg):
    try:
        return md.version(pkg)
    except md.PackageNotFoundError:
        return "?"


def got(n, r):
    cjk = "ok" if any("\u4e00" <= ch <= "\u9fff" for ch in str(r)) else "NOT CJK"
    return f"{n} goals; region {r} ({cjk})"


def row(tool, ver, opens, reads, comments, notes):
    print(f"| {tool} | {ver} | {opens} | {reads} | {comments} | {notes} |")


def guarded(tool, ver, fn):
    try:
        fn(tool, ver)
    except Exception as e:
        first = (str(e).strip().splitlines() or [""])[0][:200]
        row(tool, ver, "error", "-", "-", f"`{type(e).__name__}: {first}`")


def pandas_df(tool, ver):
    import duckdb

    con = duckdb.connect(db, read_only=True)
    n = con.sql(Q_N).df()["n"][0]
    r = con.sql(Q_R).df()["region"][0]
    row(tool, ver, "yes", got(n, r), "n/a", "`con.sql(q).df()`")


def pandas_read_sql(tool, ver):
    import pandas as pd
    import sqlalchemy as sa

    eng = sa.create_engine(f"duckdb:///{db}", connect_args={"read_only": True})
    with eng.connect() as c:
        n = pd.read_sql(sa.text(Q_N), c)["n"][0]
        r = pd.read_sql(sa.text(Q_R), c)["region"][0]
    eng.dispose()
    row(tool, ver, "yes", got(n, r), "n/a", "`pd.read_sql(text(q), engine.connect())`")


def polars_pl(tool, ver):
    import duckdb

    con = duckdb.connect(db, read_only=True)
    n = con.sql(Q_N).pl()["n"][0]
    r = con.sql(Q_R).pl()["region"][0]
    row(tool, ver, "yes", got(n, r), "n/a", "`con.sql(q).pl()`")


def polars_read_database(tool, ver):
    import duckdb
    import polars as pl

    con = duckdb.connect(db, read_only=True)
    n = pl.read_database(Q_N, con)["n"][0]
    r = pl.read_database(Q_R, con)["region"][0]
    row(tool, ver, "yes", got(n, r), "n/a", "`pl.read_database(q, duckdb_connection)`")


def ibis_(tool, ver):
    import ibis

    con = ibis.duckdb.connect(db, read_only=True)
    n = con.table("goals", database="marts").count().execute()
    rep = con.table("reports", database="marts")
    r = rep.filter(rep.region.notnull()).select("region").limit(1).execute()["region"][0]
    q = "select count(*) as n from duckdb_columns() where schema_name = 'marts' and comment <> ''"
    commented = con.sql(q).execute()["n"][0]
    row(tool, ver, "yes", got(n, r), f"no API; {commented} columns through `con.sql(...)`",
        "`ibis.duckdb.connect(path, read_only=True)`")


def sqlalchemy_(tool, ver):
    import sqlalchemy as sa

    eng = sa.create_engine(f"duckdb:///{db}", connect_args={"read_only": True})
    insp = sa.inspect(eng)
    tables = insp.get_table_names(schema="marts")
    cols = insp.get_columns("reports", schema="marts")
    with_comment = sum(1 for c in cols if c.get("comment"))
    table_comment = insp.get_table_comment("reports", schema="marts").get("text")
    with eng.connect() as c:
        n = c.execute(sa.text(Q_N)).scalar()
        r = c.execute(sa.text(Q_R)).scalar()
    eng.dispose()
    row(tool, ver, "yes", got(n, r),
        f"`get_columns`: {with_comment} of {len(cols)} in marts.reports; "
        f"`get_table_comment`: {'yes' if table_comment else 'empty'}",
        f"`inspect(engine)` lists {len(tables)} tables in marts")


dd = v("duckdb")
if which == "pandas":
    guarded("pandas (duckdb `.df()`)", f"pandas {v('pandas')}, duckdb {dd}", pandas_df)
    guarded("pandas `read_sql`", f"pandas {v('pandas')}, SQLAlchemy {v('sqlalchemy')}, "
            f"duckdb-engine {v('duckdb-engine')}", pandas_read_sql)
elif which == "polars":
    guarded("polars (duckdb `.pl()`)", f"polars {v('polars')}, duckdb {dd}", polars_pl)
    guarded("polars `read_database`", f"polars {v('polars')}, duckdb {dd}", polars_read_database)
elif which == "ibis":
    guarded("ibis", f"ibis-framework {v('ibis-framework')}, duckdb {dd}", ibis_)
elif which == "sqlalchemy":
    guarded("SQLAlchemy + duckdb-engine", f"SQLAlchemy {v('sqlalchemy')}, "
            f"duckdb-engine {v('duckdb-engine')}, duckdb {dd}", sqlalchemy_)
PY

before="$(sha256sum "$DB" | cut -d' ' -f1)"
echo "measured $(date -u +%Y-%m-%d) on $(uname -s) $(uname -m), $("$PYTHON" --version 2>&1)"
echo "file: $DB"
echo
echo "| tool | version | opens read-only | reads rows and Chinese text | comments | notes |"
echo "|---|---|---|---|---|---|"

for version in $DUCKDB_VERSIONS; do
    venv="$WORK/duckdb-$version"
    if make_venv "$venv" "duckdb==$version"; then
        "$venv/bin/python" "$WORK/probe_duckdb.py" "$DB" ||
            echo "| duckdb (Python) | $version | error | - | - | the probe failed |"
    else
        echo "| duckdb (Python) | $version | - | - | - | not installed: $(tail -1 "$venv.pip.log") |"
    fi
done

tools="$WORK/tools"
if make_venv "$tools" "duckdb==$TOOLS_DUCKDB" pandas polars pyarrow \
    "sqlalchemy==$SQLALCHEMY" "duckdb-engine==$DUCKDB_ENGINE" "ibis-framework[duckdb]"; then
    # one process per library: a duckdb-engine connection and a plain duckdb.connect() to the
    # same file cannot live in one process at once (their configurations differ)
    for which in pandas polars ibis sqlalchemy; do
        "$tools/bin/python" -W ignore "$WORK/probe_tools.py" "$DB" "$which"
    done
else
    echo "| pandas, polars, ibis, SQLAlchemy | - | - | - | - | not installed: $(tail -1 "$tools.pip.log") |"
fi

after="$(sha256sum "$DB" | cut -d' ' -f1)"
echo
if [[ "$before" == "$after" ]]; then
    echo "the file is unchanged (sha256 $after)"
else
    echo "THE FILE CHANGED: sha256 $before before, $after after" >&2
    exit 1
fi
