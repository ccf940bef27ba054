"""The exception hierarchy of the whole project.

Every message states the value that was wrong and what to do about it. Each
adapter (CLI, HTTP, MCP) translates these exactly once.
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


class NoSnapshotError(SnapshotError):
    """The index directory has no usable snapshot yet."""


class QueryError(AssistantError):
    """A question, filter or parameter is out of bounds (HTTP 422)."""


class NotFoundError(AssistantError):
    """A document or snapshot id does not exist (HTTP 404)."""


class NotReadyError(AssistantError):
    """The server has no index loaded yet (HTTP 503)."""
