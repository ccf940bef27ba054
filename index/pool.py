"""Statement vectors pooled from the chunk pass (``EmbedConfig.sentence_vectors`` "pooled").

A chunk is embedded as its title line and its text; the model's pass leaves a state per
token. A statement's vector is the mean of the states of its own tokens, without its
attribution words (as when it is embedded alone), in the pass of the chunk that holds
most of it, normalised: no second pass over the statements, and each statement read
with the context of its chunk. Chunks overlap, so a statement may sit in two: the one
whose window covers more of its characters wins, the earlier on a tie. A statement that
no chunk's window holds the larger part of (a chunk cut at the model's 256 wordpieces)
is embedded alone instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from index.embed import TokenStates
from index.models import Chunk, sha256_hex
from index.sentence_layer import SentenceRecord

Offsets = list[tuple[int, int]]
Batches = Callable[[Sequence[tuple[str, str]]], Iterator[tuple[list[str], np.ndarray]]]


@dataclass(frozen=True)
class Pooling:
    """Where one statement's vector comes from: the tokens at ``tokens`` (positions in
    the pass) of the chunk whose embedded text hashes to ``chunk_hash``."""

    chunk_hash: str
    tokens: tuple[int, ...]

    @property
    def key(self) -> str:
        """The vector cache's key: never the hash of a text, so never an "alone" vector."""
        return sha256_hex(f"pooled-v1|{self.chunk_hash}|{','.join(map(str, self.tokens))}")


def document_spans(offsets: Offsets, prefix: int, chunk_start: int) -> np.ndarray:
    """Each token's ``[start, end)`` in the document text, from its offsets in the pass
    text (title line of ``prefix`` characters, then the chunk's text from
    ``chunk_start``); ``(-1, -1)`` for [CLS], [SEP] and the title's tokens."""
    spans = np.full((len(offsets), 2), -1, dtype=np.int64)
    for i, (a, b) in enumerate(offsets):
        if a >= prefix and b > a:
            spans[i] = (chunk_start + a - prefix, chunk_start + b - prefix)
    return spans


def choose(
    start: int,
    end: int,
    chunks: Sequence[np.ndarray],
    visible: int,
    skip: tuple[int, int] | None = None,
) -> tuple[int, tuple[int, ...]] | None:
    """The chunk (index into ``chunks``, each its tokens' ``document_spans``) that holds
    most of the statement at ``[start, end)`` and the positions of the statement's tokens
    in it, less those starting in ``skip`` (its attribution words) unless that leaves
    none. None when no window covers at least half of its ``visible`` (non-space)
    characters."""
    best, best_chars = -1, 0
    best_inside = np.zeros(0, dtype=bool)
    for i, spans in enumerate(chunks):
        inside = (spans[:, 0] >= start) & (spans[:, 0] < end)
        chars = int((np.minimum(spans[inside, 1], end) - spans[inside, 0]).sum())
        if chars > best_chars:
            best, best_chars, best_inside = i, chars, inside
    if best < 0 or 2 * best_chars < visible:
        return None
    tokens = best_inside
    if skip is not None:
        starts = chunks[best][:, 0]
        said = tokens & ~((starts >= skip[0]) & (starts < skip[1]))
        tokens = said if said.any() else tokens
    return best, tuple(int(t) for t in np.flatnonzero(tokens))


def plan_document(
    text: str,
    chunks: Sequence[Chunk],
    hashes: Sequence[str],
    prefix: int,
    offsets: Sequence[Offsets],
    records: Sequence[SentenceRecord],
) -> list[Pooling | None]:
    """One document's statements (in ``records`` order): where each is pooled from, None
    for one to embed alone. ``offsets`` are the tokens of each chunk's pass text (title
    line of ``prefix`` characters + chunk text), as the model's window holds them."""
    spans = [document_spans(o, prefix, c.start) for o, c in zip(offsets, chunks, strict=True)]
    starts = [c.start for c in chunks]  # in reading order, as the chunker writes them
    out: list[Pooling | None] = []
    for r in records:
        if not r.statement:
            continue
        after = bisect.bisect_left(starts, r.end)
        near = [i for i in range(after) if chunks[i].end > r.start]
        visible = sum(1 for ch in text[r.start : r.end] if not ch.isspace())
        tag = None if r.tag is None else (r.start + r.tag[0], r.start + r.tag[1])
        picked = choose(r.start, r.end, [spans[i] for i in near], visible, tag)
        if picked is None:
            out.append(None)
        else:
            out.append(Pooling(hashes[near[picked[0]]], picked[1]))
    return out


def pool(states: TokenStates, tokens: Sequence[int]) -> np.ndarray:
    """The mean of the states at ``tokens``, normalised."""
    mean = states.hidden[list(tokens)].mean(axis=0)
    unit: np.ndarray = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return unit


def pooled_batches(
    token_states: Callable[[Sequence[str]], list[TokenStates]],
    embed: Callable[[Sequence[str]], np.ndarray],
    chunk_texts: dict[str, str],
    poolings: Sequence[Pooling],
    size: int,
) -> Batches:
    """The build's embedding step when statements are pooled: each chunk (its hash in
    ``chunk_texts``, hash → pass text) whose vector or a statement's pooled vector is
    asked for gets one pass, which gives both; any other item is a text embedded alone.
    Yields ``(keys, vectors)`` per ``size`` chunks or texts."""
    keys_of: dict[str, list[Pooling]] = {}
    for p in poolings:
        keys_of.setdefault(p.chunk_hash, []).append(p)
    pooled = {p.key: p.chunk_hash for p in poolings}

    def batches(items: Sequence[tuple[str, str]]) -> Iterator[tuple[list[str], np.ndarray]]:
        wanted = {h for h, _ in items}
        passes = list(
            dict.fromkeys(
                h if h in chunk_texts else pooled[h]
                for h, _ in items
                if h in chunk_texts or h in pooled
            )
        )
        alone = [(h, t) for h, t in items if h not in chunk_texts and h not in pooled]
        for i in range(0, len(passes), size):
            part = passes[i : i + size]
            keys: dict[str, np.ndarray] = {}
            states_of = token_states([chunk_texts[c] for c in part])
            for chunk, states in zip(part, states_of, strict=True):
                if chunk in wanted:  # the chunk's own vector: the mean of all its tokens
                    keys[chunk] = pool(states, range(len(states.offsets)))
                for p in keys_of.get(chunk, []):
                    if p.key in wanted and p.key not in keys:
                        keys[p.key] = pool(states, p.tokens)
            yield list(keys), np.stack(list(keys.values()))
        for i in range(0, len(alone), size):
            part_items = alone[i : i + size]
            yield [h for h, _ in part_items], embed([t for _, t in part_items])

    return batches
