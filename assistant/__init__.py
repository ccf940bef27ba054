"""Serve side: open snapshot → retrieve → fuse → answer → adapters (HTTP, MCP, chat, CLI)."""
