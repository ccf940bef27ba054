"""The one Settings class, read from ``ASSISTANT_*`` variables and ``.env``.

Nested values use ``__``: ``ASSISTANT_INDEX__INDEX_DIR=/srv/index``,
``ASSISTANT_INDEX__SOURCES='["/srv/reports"]'``. Built once by the CLI and passed down.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, field_validator
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


class LLMConfig(BaseModel):
    """The organisation's own language model (any OpenAI-compatible chat-completions
    endpoint). Off unless ``base_url`` is set; the key is read from a file, never from
    a plain setting, and never logged."""

    base_url: str | None = Field(
        None,
        description="e.g. http://127.0.0.1:8080/v1 (vLLM, Ollama, llama.cpp); unset = off.",
    )
    model: str = Field("default", min_length=1, description="Model name the endpoint serves.")
    api_key_file: Path | None = Field(
        None, description="File holding the endpoint's API key (first line); none = no key."
    )
    timeout_s: float = Field(
        20.0, gt=0, description="Longest wait for the model's answer, and for each of its chunks."
    )
    max_tokens: int = Field(400, ge=16, le=8192, description="Longest answer the model may write.")
    max_history: int = Field(
        4, ge=0, le=20, description="Earlier questions of the conversation sent to the model."
    )

    @field_validator("api_key_file")
    @classmethod
    def _readable(cls, path: Path | None) -> Path | None:
        # Checked when the settings are read, so a wrong path stops `assistant serve` at
        # once; the message names the file, never its content.
        if path is not None and not path.is_file():
            raise ValueError(f"the API key file {path} does not exist; create it or unset it")
        return path

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


def _existing(path: Path | None) -> Path | None:
    """A secret file setting must name a file that exists: checked when the settings are
    read, so a wrong path stops `assistant serve` at once; the message names the file,
    never its content."""
    if path is not None and not path.is_file():
        raise ValueError(f"the secret file {path} does not exist; create it or unset it")
    return path


class SlackConfig(BaseModel):
    """The Slack app (Bolt, HTTP mode). Off until both files are set."""

    signing_secret_file: Path | None = Field(
        None, description="File holding the app's Signing Secret (Basic Information page)."
    )
    bot_token_file: Path | None = Field(
        None, description="File holding the Bot User OAuth Token (xoxb-…)."
    )
    api_base_url: str = Field(
        "https://slack.com/api/",
        description="Slack's Web API (chat.postMessage, conversations.replies); tests point "
        "it at a recording server on loopback.",
    )

    _files = field_validator("signing_secret_file", "bot_token_file")(_existing)


class TeamsConfig(BaseModel):
    """A Microsoft Teams outgoing webhook. Off until the secret file is set."""

    secret_file: Path | None = Field(
        None, description="File holding the base64 security token Teams shows on creation."
    )
    # Teams drops an outgoing webhook's reply after 5 s (Microsoft's "Create Outgoing
    # Webhooks" page); 4.5 s leaves half a second for the network and the card.
    reply_within_s: float = Field(
        4.5, gt=0, le=5, description="Answer by then, or reply that the answer is on the page."
    )

    _files = field_validator("secret_file")(_existing)


class MattermostConfig(BaseModel):
    """Mattermost slash commands and outgoing webhooks. Off until the token file is set."""

    token_file: Path | None = Field(
        None,
        description="File holding the tokens Mattermost shows for the slash command and the "
        "outgoing webhook, one a line.",
    )

    _files = field_validator("token_file")(_existing)


class ChatConfig(BaseModel):
    """The team chat bots (docs/team-chat.md)."""

    public_url: str | None = Field(
        None,
        description="The server's address as users reach it (https://assistant.example.org): "
        "links to the report page and the chat page. Unset = links to the reports' own URLs.",
    )
    slack: SlackConfig = Field(default_factory=SlackConfig)
    teams: TeamsConfig = Field(default_factory=TeamsConfig)
    mattermost: MattermostConfig = Field(default_factory=MattermostConfig)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    index: BuildConfig = Field(default_factory=BuildConfig)
    serve: ServeConfig = Field(default_factory=ServeConfig)
    llm: LLMConfig = Field(default_factory=LLMConfig)
    chat: ChatConfig = Field(default_factory=ChatConfig)
