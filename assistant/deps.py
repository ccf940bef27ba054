"""FastAPI dependencies as ``Annotated`` aliases; tests override them, never globals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.auth import ApiKey, KeyStore
from assistant.errors import AuthError
from assistant.interface import Assistant


def get_service(request: Request) -> Assistant:
    service: Assistant = request.app.state.service
    return service


def get_keys(request: Request) -> KeyStore:
    keys: KeyStore = request.app.state.keys
    return keys


def bearer_key(request: Request, keys: KeyStore, scope: str) -> ApiKey | None:
    """The caller's key, checked for ``scope``; None when keys are not configured."""
    if not keys.enabled:
        return None
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(
            "this server needs an API key: send the header 'Authorization: Bearer <key>' "
            "(create one with `assistant keys create --scope query`)",
            401,
        )
    key = keys.check(token.strip())
    if key is None:
        revoked = keys.revoked_key(token.strip())
        if revoked is not None:
            raise AuthError(
                f"the API key {revoked.id} was revoked; ask for a new one "
                "(`assistant keys create`)",
                401,
            )
        raise AuthError("the API key is not valid; check it or create a new one", 401)
    if scope not in key.scopes:
        raise AuthError(
            f"the API key {key.id} has scopes {sorted(key.scopes)}; this route needs "
            f"'{scope}' (create one with `assistant keys create --scope {scope}`)",
            403,
        )
    return key


def require_query(request: Request, keys: Annotated[KeyStore, Depends(get_keys)]) -> ApiKey | None:
    return bearer_key(request, keys, "query")


def require_admin(request: Request, keys: Annotated[KeyStore, Depends(get_keys)]) -> ApiKey | None:
    return bearer_key(request, keys, "admin")


ServiceDep = Annotated[Assistant, Depends(get_service)]
QueryKey = Annotated[ApiKey | None, Depends(require_query)]
AdminKey = Annotated[ApiKey | None, Depends(require_admin)]
