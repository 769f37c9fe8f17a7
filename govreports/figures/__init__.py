"""The figure extractor (``extractor``: text in, every quantity out, pure) and the functions that
make it callable from DuckDB SQL on every core (``duckdb_functions``)."""
