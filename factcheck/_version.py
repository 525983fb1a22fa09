"""The package version, read from the installed metadata: pyproject.toml is its one written place."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("factcheck")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    VERSION = "0+unknown"
