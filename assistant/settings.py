"""The one Settings class, read from ``ASSISTANT_*`` variables and ``.env``.

Nested values use ``__``: ``ASSISTANT_INDEX__INDEX_DIR=/srv/index``,
``ASSISTANT_INDEX__SOURCES='["/srv/reports"]'``. Built once by the CLI and passed down.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.config import BuildConfig


class ServeConfig(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    api_keys_file: Path | None = Field(
        None, description="JSON file of hashed API keys (written by `assistant keys create`)."
    )
    cors_origins: list[str] = Field(default_factory=list, description="Empty = CORS off.")
    reload_interval_s: float = Field(
        2.0, ge=0, description="How often to look for a new `current` snapshot; 0 = never."
    )
    max_question_chars: int = Field(
        1000, ge=1, description="Longest question, search query or conversation turn."
    )
    max_top_k: int = Field(50, ge=1, description="Most passages a caller may ask for.")
    default_top_k: int = Field(8, ge=1, description="Passages an answer reads by default.")
    max_conversation: int = Field(
        10, ge=0, description="Earlier questions a follow-up may send as context."
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    index: BuildConfig = Field(default_factory=BuildConfig)
    serve: ServeConfig = Field(default_factory=ServeConfig)
