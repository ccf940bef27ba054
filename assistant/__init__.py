"""Serve side: open snapshot → retrieve → fuse → answer → adapters (HTTP, MCP, chat, CLI)."""

from importlib import metadata

try:
    # The one version: `assistant --version`, OpenAPI's info.version and the MCP
    # server's all read it from the installed package (pyproject.toml's version).
    __version__ = metadata.version("report-assistant")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
