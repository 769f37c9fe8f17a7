"""dbt's unit tests on their own, for ``make test-fast``: every parser rule checked on its fixed
rows without building the marts from reports.

dbt needs the models' tables to exist before it can unit-test them, so the script loads one
sample report into a temporary warehouse and runs ``dbt build --empty`` (every model created
with no rows, the seeds loaded) leaving out the data tests, which need real rows. Exits with
dbt's exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SAMPLE = min((REPO / "data" / "reports").glob("*.txt"))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="govreports-unit-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "GOVREPORTS_WAREHOUSE": str(work / "unit.duckdb"),
            "DBT_TARGET_PATH": str(work / "target"),
            "DBT_LOG_PATH": str(work / "logs"),
        }
        loaded = subprocess.run(
            [str(BIN / "govreports"), "load", str(SAMPLE)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if loaded.returncode != 0:
            print(loaded.stdout + loaded.stderr, file=sys.stderr)
            return loaded.returncode
        dbt = [str(BIN / "dbt"), "build", "--empty", "--exclude-resource-type", "test"]
        dbt += ["--project-dir", str(REPO), "--profiles-dir", str(REPO)]
        return subprocess.run(dbt, env=env, cwd=REPO, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
