"""govreports loaders: read government work report files and store them in DuckDB."""

__version__ = "0.1.0"
LOADER_VERSION = __version__
