"""API keys: random secrets shown once, stored only as SHA-256 hashes, with scopes.

A keys file is JSON: ``{"keys": [{"id", "sha256", "scopes", "created_at", "name"}],
"revoked": [{"id", "sha256", "name", "revoked_at"}]}``; a revoked key is remembered (by
its hash) so that a caller who sends it is told it was revoked, not that it is wrong.
Keys are 32 random bytes, so a fast hash is enough (no password stretching needed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.errors import ConfigError

log = logging.getLogger("assistant.auth")

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
    """The keys of one file, re-read whenever the file changes (a ``stat`` per request:
    its mtime and size), so ``assistant keys create`` and ``revoke`` take effect on a
    running server at its next request. Once the file has held a key the server asks
    for one from then on: revoking every key never opens it up."""

    def __init__(
        self, keys: list[ApiKey], path: Path | None = None, revoked: list[ApiKey] | None = None
    ) -> None:
        self.keys = keys
        self.revoked = revoked or []
        self.path = path
        self.required = bool(keys)
        self._stamp = _stamp(path)

    @property
    def enabled(self) -> bool:
        self._refresh()
        return self.required

    @classmethod
    def load(cls, path: Path | None) -> KeyStore:
        if path is None or not path.exists():
            return cls([], path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            keys = [
                ApiKey(k["id"], k["sha256"], frozenset(k["scopes"]), k.get("name", ""))
                for k in data.get("keys", [])
            ]
            # Kept for their hashes only: to tell a caller "revoked" rather than "not valid".
            revoked = [
                ApiKey(str(k.get("id")), k["sha256"], frozenset(), str(k.get("name", "")))
                for k in data.get("revoked", [])
                if isinstance(k.get("sha256"), str)
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(
                f"API keys file {path} is not valid ({exc}); fix or remove it"
            ) from exc
        return cls(keys, path, revoked)

    def check(self, presented: str) -> ApiKey | None:
        """The key ``presented`` is, or None when it is not a current key."""
        self._refresh()
        return _match(self.keys, hash_key(presented))

    def revoked_key(self, presented: str) -> ApiKey | None:
        """The revoked key ``presented`` was, if it is one (to say so in the 401)."""
        return _match(self.revoked, hash_key(presented))

    def _refresh(self) -> None:
        stamp = _stamp(self.path)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        try:
            fresh = KeyStore.load(self.path)
        except ConfigError as exc:
            log.error("keeping the previous API keys: %s", exc)
            return
        self.keys, self.revoked = fresh.keys, fresh.revoked
        self.required = self.required or bool(fresh.keys)


def _match(keys: list[ApiKey], digest: str) -> ApiKey | None:
    found = None
    for key in keys:  # every key compared, in constant time each
        if hmac.compare_digest(key.sha256, digest):
            found = key
    return found


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return (0, 0)  # the file went away: no key is valid any more
    return (info.st_mtime_ns, info.st_size) if info else None


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
    data = _read(path)
    data["keys"].append(
        {
            "id": key_id,
            "sha256": record.sha256,
            "scopes": sorted(record.scopes),
            "name": name,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    _write(path, data)
    return secret, record


def list_keys(path: Path) -> list[dict[str, object]]:
    """The keys of ``path`` without their hashes: id, name, scopes, created_at."""
    return [{k: v for k, v in key.items() if k != "sha256"} for key in _read(path)["keys"]]


def revoke_key(path: Path, key_id: str) -> dict[str, object]:
    """Remove key ``key_id`` from ``path``; a running server refuses it from its next
    request, saying it was revoked (its hash moves to ``revoked``). Returns the removed
    key, without its hash."""
    data = _read(path)
    kept = [k for k in data["keys"] if k.get("id") != key_id]
    if len(kept) == len(data["keys"]):
        known = ", ".join(str(k.get("id")) for k in data["keys"]) or "none"
        raise ConfigError(
            f"no key {key_id!r} in {path} (keys there: {known}); see `assistant keys list`"
        )
    removed = next(k for k in data["keys"] if k.get("id") == key_id)
    revoked = [
        *data.get("revoked", []),
        {
            "id": key_id,
            "sha256": removed.get("sha256"),
            "name": removed.get("name", ""),
            "revoked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    ]
    _write(path, {**data, "keys": kept, "revoked": revoked})
    return {k: v for k, v in removed.items() if k != "sha256"}


def _read(path: Path) -> dict[str, list[dict[str, object]]]:
    if not path.exists():
        return {"keys": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("keys"), list):
            raise ValueError("no 'keys' list")
    except (OSError, ValueError, AttributeError) as exc:
        raise ConfigError(f"API keys file {path} is not valid ({exc}); fix or remove it") from exc
    return dict(data)


def _write(path: Path, data: dict[str, list[dict[str, object]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    tmp.replace(path)
