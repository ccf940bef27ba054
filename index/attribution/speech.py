"""The verbs that report speech ("noted", "a souligné", "отметил", "dijo", "sagte",
"zei") and those of a part taken in a meeting ("presented", "opened"), as regular
expressions for ``index.attribution.news``; the words are each language's, in
``index.lexicon``."""

from __future__ import annotations

from index.lexicon import PART_VERBS, SPEECH_VERBS, fr

# The participles of the French passé composé ("a déclaré"), for "a-t-elle déclaré".
FR_PARTICIPLE = f"(?:{fr.PARTICIPLES})"
VERBS = SPEECH_VERBS
AUX = r"(?:(?:has|had|have|also|further|then|again)\s+)*"


# Verbs of a part taken in a meeting: "X presented a study", "X focused on …", "X
# invited …". Such a sentence is X's contribution, as a speech verb is; "X attended",
# "X was elected" are not.
DISCOURSE = PART_VERBS
