"""Spain's and Portugal's records: "El señor GARCÍA LÓPEZ: ", "La señora MINISTRA DE
VIVIENDA (Rodríguez Pérez): ", "O Sr. Presidente (Augusto Santos Silva): — ".

Refuses: a label too long for a name after "El señor" (no later layout reads it)."""

from __future__ import annotations

import re

from index.attribution.model import Header, Layout, Refused
from index.attribution.names import MAX_NAME_WORDS, UP, as_written, label_role, plausible_name

# Spain's and Portugal's records: "El señor GARCÍA LÓPEZ: ", "La señora MINISTRA DE
# VIVIENDA (Rodríguez Pérez): ", "O Sr. Presidente (Augusto Santos Silva): — ".
_IBERIAN_COLON = re.compile(
    r"^(?P<article>El|La|O|A)\s+(?P<title>señor|señora|Sr\.|Sra\.)\s+"
    rf"(?P<label>[{UP}ÁÉÍÓÚÑÜÇÂÊÔÃÕ][\w'’. -]{{0,80}}?)"
    r"(?:\s*\((?P<paren>[^()\n]{2,80})\))?\s*:\s+(?:[—–-]\s*)?"
)
_IBERIAN_CHAIRS = frozenset(
    "presidente presidenta vicepresidente vicepresidenta secretario secretaria".split()
)
# France's records: "M. Jean Dupont.", "Mme la présidente.", "Mme Claire Martin, ministre


def read(text: str, next_text: str | None) -> Header | Refused | None:
    found = _IBERIAN_COLON.match(text)
    if found is None:
        return None
    return _iberian(found) or Refused("a label too long for a name")


def _iberian(found: re.Match[str]) -> Header | None:
    """ "El señor GARCÍA LÓPEZ" → García López; "La señora MINISTRA DE VIVIENDA
    (Rodríguez Pérez)" → Rodríguez Pérez, ministra de vivienda; "La señora PRESIDENTA" →
    La señora presidenta."""
    label = " ".join(found.group("label").split())
    paren = found.group("paren")
    if paren is not None and plausible_name(paren) and paren[:1].isupper():
        return Header(paren, label_role(label.lower()), found.end(), Layout.IBERIAN)
    if label.lower() in _IBERIAN_CHAIRS:
        name = f"{found.group('article')} {found.group('title')} {label.lower()}"
        return Header(name, None, found.end(), Layout.IBERIAN)
    if len(label.split()) > MAX_NAME_WORDS:
        return None
    return Header(as_written(label), label_role(paren), found.end(), Layout.IBERIAN)
