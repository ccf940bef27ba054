"""The answer pipeline's stages, one module each (``question`` first: the plan).

Today: ``question`` (what a question asks, worked out once, and the route it takes).
The stages after it still live in ``assistant.statements`` (candidates, scores,
selection), ``assistant.person_answers`` and ``assistant.render``; ``assistant.compose``
puts them together along the plan's route.
"""
