"""govreports: build, publish and read the warehouse of government work reports.

``loaders`` turns report files into raw rows; this package runs dbt on them (``dbt_build``,
``publish``, ``dbt_guard``), registers the figure extractor in DuckDB (``figures``) and holds
the command line (``cli``) and what reads the built warehouse (``quality``, ``export``,
``report_page``).
"""

__version__ = "0.1.0"
