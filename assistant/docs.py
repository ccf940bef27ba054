"""The API docs pages, ``/docs`` (Swagger UI) and ``/redoc``, served offline.

FastAPI's own pages load their scripts from a CDN, so they are blank without a
network. These serve the same pages with the assets shipped in the
``fastapi-offline`` wheel, under ``/static-docs``; neither page asks another host for
anything (ReDoc's bundle links its vendor's logo on a CDN: that one URL is blanked,
and Swagger UI's online validator is off).
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

ASSETS_URL = "/static-docs"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
# ReDoc's "API docs by Redocly" footer shows this image; a data URL that is no image
# makes the footer drop it (its onError), and no request leaves the server's origin.
REDOC_VENDOR_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
NO_IMAGE = "data:,"


def mount_docs(app: FastAPI) -> None:
    """``/docs`` and ``/redoc`` over ``app.openapi_url``, every asset from this server.

    The app must be created with ``docs_url=None, redoc_url=None``."""
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = "/docs/oauth2-redirect"
    favicon = f"{ASSETS_URL}/favicon.png"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API docs",
            oauth2_redirect_url=redirect_url,
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=favicon,
            # no badge image from validator.swagger.io
            swagger_ui_parameters={"validatorUrl": None},
        )

    redoc_js = (ASSETS_DIR / "redoc.standalone.js").read_text(encoding="utf-8")
    redoc_js = redoc_js.replace(REDOC_VENDOR_LOGO, NO_IMAGE)
    redoc_js_url = f"{ASSETS_URL}/redoc.local.js"

    @app.get(redoc_js_url, include_in_schema=False)
    def redoc_script() -> Response:
        return Response(redoc_js, media_type="text/javascript")

    @app.get(redirect_url, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=redoc_js_url,
            redoc_favicon_url=favicon,
            with_google_fonts=False,
        )

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="static-docs")
