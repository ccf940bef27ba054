"""API keys: random secrets shown once, stored only as SHA-256 hashes, with scopes.

A keys file is JSON: ``{"keys": [{"id", "sha256", "scopes", "created_at", "name"}]}``.
Keys are 32 random bytes, so a fast hash is enough (no password stretching needed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.errors import ConfigError

SCOPES = ("query", "admin")
PREFIX = "ra_"


@dataclass(frozen=True)
class ApiKey:
    id: str
    sha256: str
    scopes: frozenset[str]
    name: str = ""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    def __init__(self, keys: list[ApiKey]) -> None:
        self.keys = keys

    @property
    def enabled(self) -> bool:
        return bool(self.keys)

    @classmethod
    def load(cls, path: Path | None) -> KeyStore:
        if path is None or not path.exists():
            return cls([])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            keys = [
                ApiKey(k["id"], k["sha256"], frozenset(k["scopes"]), k.get("name", ""))
                for k in data.get("keys", [])
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"API keys file {path} is not valid ({exc}); fix or remove it"
            ) from exc
        return cls(keys)

    def check(self, presented: str) -> ApiKey | None:
        digest = hash_key(presented)
        found = None
        for key in self.keys:
            if hmac.compare_digest(key.sha256, digest):
                found = key
        return found


def create_key(path: Path, scopes: list[str], name: str = "") -> tuple[str, ApiKey]:
    """Add a new key to ``path`` (created 0600) and return (secret, record)."""
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise ConfigError(f"scopes {sorted(unknown) or scopes}: use one or more of {SCOPES}")
    if "admin" in scopes and "query" not in scopes:
        scopes = [*scopes, "query"]  # an admin may also ask questions
    key_id = secrets.token_hex(4)
    secret = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    record = ApiKey(key_id, hash_key(secret), frozenset(scopes), name)
    data: dict[str, list[dict[str, object]]] = {"keys": []}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    data["keys"].append(
        {
            "id": key_id,
            "sha256": record.sha256,
            "scopes": sorted(record.scopes),
            "name": name,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    tmp.replace(path)
    return secret, record
