"""The team chat bots: Slack (Bolt), Microsoft Teams (outgoing webhook) and Mattermost
(slash command and outgoing webhook), each a thin adapter over the service interface
every adapter uses, with one renderer per platform over the answer ``POST /v1/answer``
returns. A platform is off (404) until its secret file is set (docs/team-chat.md).
"""

from __future__ import annotations

from fastapi import FastAPI

from assistant.interface import Assistant
from assistant.settings import Settings
from assistant.teamchat.mattermost import mount_mattermost
from assistant.teamchat.slack import mount_slack
from assistant.teamchat.teams import mount_teams
from assistant.teamchat.text import Links


def mount_team_chat(app: FastAPI, service: Assistant, settings: Settings) -> None:
    """``/chat/slack/events``, ``/chat/slack/commands``, ``/chat/teams``, ``/chat/mattermost``."""
    chat = settings.chat
    links = Links(chat.public_url)
    mount_slack(app, service, chat.slack, settings.serve, links)
    mount_teams(app, service, chat.teams, settings.serve, links)
    mount_mattermost(app, service, chat.mattermost, settings.serve, links)
