"""The project's base exception and the build side's errors.

Every message states the value that was wrong and what to do about it. Each
adapter (CLI, HTTP, MCP) translates these exactly once. The serve side's errors
(a bad question, an unknown document, no index loaded, a bad key) extend the same
base in ``assistant/errors.py``.
"""


class AssistantError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(AssistantError):
    """A setting or argument has a value we cannot work with."""


class LoadError(AssistantError):
    """One source file could not be read; it is reported and skipped."""


class BuildLockedError(AssistantError):
    """Another build holds the lock of this index directory."""


class BuildError(AssistantError):
    """The build could not produce a valid snapshot; ``current`` was not touched."""


class SnapshotError(AssistantError):
    """A snapshot folder is missing, incomplete or fails its checksums."""
