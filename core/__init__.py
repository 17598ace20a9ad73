"""The base every package builds on: runtime settings and the bot's own database.

Imports nothing of the project: knowledge/, actions/ and bot/ all import from here.
"""
