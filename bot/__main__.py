from bot.cli import cli

cli(prog_name="python -m bot")
