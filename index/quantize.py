"""int8 MiniLM: dynamic quantization of the exported model, and the guard that decides
per machine whether its vectors are exact enough to use.

``quantize_int8`` turns the fp32 ONNX export into dynamic int8 (weights of the MatMul
nodes only, one scale per output channel): quantizing every op gives vectors at cosine
~0.87 to fp32 (ENVIRONMENT.md), MatMul only ≥ 0.98.

``guard`` embeds a fixed probe set of our own texts with both models on this machine
and compares: the smallest cosine between the two vectors of one text, and nDCG@10 of
int8's ranking of the probe passages for each probe query, fp32's ranking being the
truth (gain 10 for fp32's first passage … 1 for its tenth). int8 is used only when both
stay within the tolerances below; the figures go into the snapshot's manifest either
way.
"""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

# The tolerances. On a 2-core AMD EPYC with AVX-512 VNNI (2026-12-06,
# bench/bench_int8.py): MatMul-only per-channel int8 gave probe min cosine 0.9851 and
# probe nDCG@10 0.9887 against fp32, and kept retrieval on a labelled set: HotpotQA-500
# dense nDCG@10 0.7931 vs fp32's 0.7914 (int8 passages with fp32 questions 0.7915).
# Quantizing every op gave min cosine 0.8565 (nDCG@10 0.9823: ranks survive longer
# than vectors). The cosine bar sits between the two; the nDCG bar catches a model
# whose vectors stay close but whose ranking of near-ties flips.
MIN_COSINE = 0.97
MIN_NDCG = 0.95

PROBE_PASSAGES: tuple[str, ...] = (
    "The council adopted its opinion on the digital economy after a debate on platform work.",
    "Members warned that artificial intelligence could widen the skills gap in small firms.",
    "Cyber attacks on hospitals were named as the main digital risk for public services.",
    "Youth unemployment stood at 14 per cent, twice the rate of the whole labour force.",
    "Apprenticeships and social dialogue were presented as the way into first jobs.",
    "The employers' group asked for lower payroll taxes on young workers' contracts.",
    "Climate finance pledged in Paris has not reached the least developed countries.",
    "The rapporteur proposed a carbon border adjustment with revenue returned to households.",
    "Floods and droughts cost the region 3 per cent of its output over the last decade.",
    "Pension reform raised the retirement age to 64, against the unions' advice.",
    "Care for older people relies on unpaid work, mostly done by women.",
    "The budget for primary health care rose by 8 per cent in the adopted plan.",
    "Debt relief for low-income countries was tied to spending on schools and clinics.",
    "Interest payments now absorb a fifth of the government's revenue.",
    "The delegation from Senegal described a national plan for rural electrification.",
    "Minimum wages were indexed to inflation after the tripartite agreement.",
    "Migrant workers' rights were the subject of a joint declaration with trade unions.",
    "The session closed with a vote on the association's work programme for next year.",
    "Housing costs take more than 40 per cent of income for a third of renters.",
    "Farmers asked for fair prices along the food supply chain and less paperwork.",
    "Water scarcity threatens agriculture in the south; irrigation must become efficient.",
    "The president of the council thanked the interpreters and closed the meeting.",
    "Teachers' pay and class sizes were the main points of the education debate.",
    "Broadband coverage in rural areas lags ten years behind the cities.",
    "Le conseil a adopté un avis sur la transition écologique et l'emploi des jeunes.",
    "Совет обсудил пенсионную реформу и занятость молодежи.",
    "The trade agreement includes a chapter on labour standards and sustainable development.",
    "Gender pay gaps persist at 13 per cent despite equal pay legislation.",
    "The ombudsman reported on complaints about access to social benefits online.",
    "Energy poverty affects one household in ten during the winter months.",
    "Disinformation campaigns target elections; platforms must label paid content.",
    "Small islands asked for a loss and damage fund for sea level rise.",
)
PROBE_QUERIES: tuple[str, ...] = (
    "What was said about digital risks?",
    "youth employment and apprenticeships",
    "How is climate change financed for poor countries?",
    "pension reform and retirement age",
    "debt burden of governments",
    "What did the unions say about wages?",
    "rural areas: electricity, internet, farming",
    "equality between women and men at work",
    "housing and energy costs for households",
    "emploi des jeunes",
)


class _Embeds(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def probe_key() -> str:
    """Changes when the probe set does: a cached guard result is then measured again."""
    text = "\x1f".join((*PROBE_PASSAGES, "\x1e", *PROBE_QUERIES))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def machine_key() -> str:
    """The CPU the guard ran on: model name and SIMD flags (int8 kernels differ by them)."""
    model, flags = platform.processor(), ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
            elif line.startswith("flags"):
                flags = " ".join(sorted(line.split(":", 1)[1].split()))
                break
    except OSError:
        pass
    return hashlib.sha256(f"{model}|{flags}".encode()).hexdigest()[:12]


def quantize_int8(fp32_path: Path, dest: Path) -> None:
    """Write the dynamic int8 model of ``fp32_path`` to ``dest``, atomically."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        quantize_dynamic(
            str(fp32_path),
            str(tmp),
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            weight_type=QuantType.QInt8,
        )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def _ndcg_at_10(truth: np.ndarray, scores: np.ndarray) -> float:
    """nDCG@10 of ranking by ``scores`` when ``truth``'s ranking is the right one."""
    ideal = np.argsort(-truth, kind="stable")[:10]
    gain = np.zeros(len(truth))
    gain[ideal] = np.arange(10, 10 - len(ideal), -1)
    discount = 1 / np.log2(np.arange(2, 12))
    found = np.argsort(-scores, kind="stable")[:10]
    return float((gain[found] * discount[: len(found)]).sum() / (gain[ideal] * discount).sum())


def guard(fp32: _Embeds, int8: _Embeds) -> dict[str, Any]:
    """The guard's figures for ``int8`` against ``fp32`` on the probe set, and whether
    they pass."""
    texts = list(PROBE_PASSAGES + PROBE_QUERIES)
    a, b = fp32.embed(texts), int8.embed(texts)
    cosine = float(np.min(np.sum(a * b, axis=1) / np.linalg.norm(b, axis=1)))
    n = len(PROBE_PASSAGES)
    ndcg = [_ndcg_at_10(a[n:][i] @ a[:n].T, b[n:][i] @ b[:n].T) for i in range(len(PROBE_QUERIES))]
    mean_ndcg = float(np.mean(ndcg))
    return {
        "min_cosine": round(cosine, 4),
        "ndcg10": round(mean_ndcg, 4),
        "min_cosine_bar": MIN_COSINE,
        "ndcg10_bar": MIN_NDCG,
        "passes": cosine >= MIN_COSINE and mean_ndcg >= MIN_NDCG,
        "probe": probe_key(),
        "probe_texts": len(texts),
        "machine": machine_key(),
    }
