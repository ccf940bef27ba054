"""The floors of the code and what each may import (docs/architecture.md), read from the
source with ``ast``: every ``import`` and ``from … import`` of every module under index/
and assistant/, at any depth (inside functions and ``if TYPE_CHECKING:`` too: a
type-only import is a dependency all the same)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

# The scripts beside the packages and the tests: they may import index and assistant,
# never the other way round.
SCRIPTS = {"bench", "eval", "calibrate", "tools", "tests"}
# The serving edge: web framework, CLI, MCP, metrics. The build side never imports them,
# nor does the answering pipeline: only the adapters of assistant/ do.
FRAMEWORKS = {
    "fastapi",
    "fastapi_offline",
    "starlette",
    "uvicorn",
    "typer",
    "rich",
    "mcp",
    "prometheus_client",
}
# index/ is the build side: it reads reports and writes snapshots; the language model
# is the serve side's business.
INDEX_FORBIDDEN = {"assistant", "openai"} | FRAMEWORKS | SCRIPTS
# assistant/'s edge: the adapters (HTTP, chat page, MCP, CLI), the composition root that
# mounts them (app) and what only they share (API keys, FastAPI dependencies, the API
# docs, metrics and logs, the service's narrow interface, the HTTP schemas). Everything
# else in assistant/ is the core: the answering pipeline and the service. A new adapter
# (a team chat, say) is added here.
EDGE = {
    "api",
    "app",
    "auth",
    "chat",
    "cli",
    "deps",
    "docs",
    "interface",
    "mcp_server",
    "observability",
    "report_page",
    "schemas",
    "teamchat",  # a package: every module in it is an adapter (Slack, Teams, Mattermost)
}
# The stages of an answer: the edge reaches them through the service, never directly.
STAGES = {
    "answer",
    "compose",
    "fuse",
    "people",
    "person_answers",
    "terms",
    "verify",
}
# What of index/ the edge may name: its errors and records, the configuration and index
# folder layout, and the CLI's ``index build`` / ``status`` / ``rollback``.
EDGE_INDEX = {"index.errors", "index.models", "index.config", "index.layout", "index.build"}
EDGE_INDEX |= {"index.status"}
# Names of the core the edge may import all the same: the chat page shows the answer
# texts of prompts/ (headings, "nothing found") in the question's language, and render
# is what loads them.
EDGE_MAY_NAME = {
    "assistant.answer.render.PROMPTS_FILE",
    "assistant.answer.render.load_answer_texts",
}
# Attribution (and the modules it replaced): the build side's alone. The serve side reads
# the speaker, role, turn and the turn a reply answers from the sentence layer.
ATTRIBUTION = {"index.attribution", "index.speakers", "index.turns"}


def in_edge(path: Path) -> bool:
    """A module of the edge: named in EDGE, or in a package of the edge (teamchat/)."""
    return path.stem in EDGE or path.parent.name in EDGE


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def imports_of(source: str, package: str) -> Iterator[tuple[int, str]]:
    """(line, absolute name) of every import in ``source``, a module of ``package``:
    ``import x.y`` gives ``x.y``; ``from x import y`` gives ``x.y`` (``y`` may be a module
    or a name in ``x``)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def imports(path: Path) -> Iterator[tuple[int, str]]:
    package = ".".join(path.relative_to(REPO).parts[:-1])
    return imports_of(path.read_text(encoding="utf-8"), package)


def top(module: str) -> str:
    return module.split(".")[0]


def second(module: str) -> str:
    """``llm`` of ``assistant.llm.Kept``; empty for a top-level name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def name(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_both_packages_are_read() -> None:
    assert len(modules("index")) > 10 and len(modules("assistant")) > 10
    # the stages named exist: a rename updates the rule (an adapter listed in EDGE before
    # its module lands does no harm)
    present = {p.stem for p in modules("assistant")} | {p.parent.name for p in modules("assistant")}
    assert not STAGES - present, f"STAGES names modules that are gone: {sorted(STAGES - present)}"


def test_index_never_imports_the_serve_side() -> None:
    wrong = [
        f"{name(path)}:{line} imports {module}"
        for path in modules("index")
        for line, module in imports(path)
        if top(module) in INDEX_FORBIDDEN
    ]
    assert not wrong, "index/ is the build side (docs/architecture.md):\n" + "\n".join(wrong)


def test_assistant_never_imports_scripts_or_tests() -> None:
    wrong = [
        f"{name(path)}:{line} imports {module}"
        for path in modules("assistant")
        for line, module in imports(path)
        if top(module) in SCRIPTS
    ]
    assert not wrong, (
        "bench/, eval/, calibrate/, tools/ and tests/ are not installed; what the package "
        "needs of them moves into it (docs/architecture.md):\n" + "\n".join(wrong)
    )


def test_the_core_never_imports_the_edge() -> None:
    wrong = [
        f"{name(path)}:{line} imports {module}"
        for path in modules("assistant")
        if not in_edge(path)
        for line, module in imports(path)
        if top(module) in FRAMEWORKS or (top(module) == "assistant" and second(module) in EDGE)
    ]
    assert not wrong, (
        "the answering pipeline and the service know no framework and no adapter; an "
        "adapter belongs in EDGE of this test (docs/architecture.md):\n" + "\n".join(wrong)
    )


def test_the_serve_side_reads_attribution_from_the_snapshot() -> None:
    wrong = [
        f"{name(path)}:{line} imports {module}"
        for path in modules("assistant")
        for line, module in imports(path)
        if any(module == m or module.startswith(f"{m}.") for m in ATTRIBUTION)
    ]
    assert not wrong, (
        "the serve side reads who says each sentence, its turn and the turn it replies to "
        "from the sentence layer; it never re-parses them (docs/architecture.md):\n"
        + "\n".join(wrong)
    )


def test_the_edge_calls_the_service() -> None:
    wrong = [
        f"{name(path)}:{line} imports {module}"
        for path in modules("assistant")
        if in_edge(path)
        for line, module in imports(path)
        if (top(module) == "assistant" and second(module) in STAGES and module not in EDGE_MAY_NAME)
        or (
            top(module) == "index"
            and second(module)
            and f"index.{second(module)}" not in EDGE_INDEX
        )
    ]
    assert not wrong, (
        "adapters reach the answering pipeline and the index through the service "
        "(docs/architecture.md):\n" + "\n".join(wrong)
    )


@pytest.mark.parametrize(
    ("source", "package", "expected"),
    [
        ("import fastapi.routing", "index", {"fastapi.routing"}),
        ("from assistant import service", "index", {"assistant.service"}),
        ("from . import errors", "index", {"index.errors"}),
        ("from .models import Document", "index", {"index.models.Document"}),
        ("from ..index import x", "assistant.sub", {"assistant.index.x"}),
        ("def f():\n    import typer", "index", {"typer"}),
        ("if TYPE_CHECKING:\n    from mcp import Tool", "index", {"mcp.Tool"}),
    ],
)
def test_every_form_of_import_is_seen(source: str, package: str, expected: set[str]) -> None:
    assert {module for _, module in imports_of(source, package)} == expected
