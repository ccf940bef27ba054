"""Build side: load → clean → chunk → embed → store → snapshot.

Never imports FastAPI, the CLI or the ``assistant`` package.
"""
