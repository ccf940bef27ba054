"""The answer constants for statement vectors pooled from the chunk pass.

``ASSISTANT_INDEX__EMBED__SENTENCE_VECTORS=pooled`` gives statements other vectors than
the shipped ``WEIGHTS`` were fitted on (each statement embedded alone); the bars that
read sentence cosines are placed again on pooled vectors by
``calibrate/calibrate_pooled.py`` (docs/decisions/2026-12-06-pooled-sentence-vectors.md).
The service does not read this value yet: a proposal to merge with ``WEIGHTS``.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.weights import WEIGHTS

# relevance_bar: calibrate/calibrate_pooled.py, 2026-12-06, over the sample reports and
# the seed, 36 Europarl debates and HotpotQA-500 built pooled: the middle of the run of
# bars with the best balanced accuracy, 1.256 (answerable answered 0.991, unanswerable
# refused 1.000; the shipped 1.287 answers 0.987). The same run over "alone" indexes
# finds 1.288 for the shipped 1.287.
POOLED_WEIGHTS = replace(WEIGHTS, relevance_bar=1.256)
