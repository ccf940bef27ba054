"""The answer pipeline's stages, one module each, in the order a question meets them.

- ``question``: what a question asks, worked out once (language, names, answer type,
  scope) and the route it takes (``Plan``, ``Route``);
- ``candidates``: the statements that may answer (``Candidate``, ``gather``);
- ``score``: how well each answers (``relevance``), the multilingual vectors where
  MiniLM cannot read (``CrossLingual``);
- ``select``: whether the reports answer at all (``answer_bar``) and which statements
  say it (``select``, ``mmr``);
- ``weights``: every weight, bar and window the stages read, with its evidence
  (``Weights``; calibrations pass their own in).

- ``complete``: the chosen statements as an answer quotes them (a lead-in with what
  follows, quotes whole, a reply with its question);
- ``render``: the answer's text and citations, with the templates of ``prompts/``.

Answers about a named person are ``assistant.person_answers``; ``assistant.compose``
runs the stages along the plan's route.
"""
