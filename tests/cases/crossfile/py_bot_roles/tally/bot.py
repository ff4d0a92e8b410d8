"""A Discord bot: the bot class is the service; its commands, listeners and
cogs' commands run on its event loop while it serves."""
import json
import time

import discord
from discord.ext import commands

from .settings import get_settings


class TallyBot(commands.Bot):
    async def setup_hook(self) -> None:
        # Runs once, before the bot connects.
        with open("data/guilds.json") as f:  # ok: start-up (setup_hook)
            self.guilds_seen = json.load(f)
        await self.load_extension("tally.cogs.scores")


bot = TallyBot(command_prefix="!", intents=discord.Intents.default())


@bot.command()
async def motd(ctx: commands.Context) -> None:
    with open("data/motd.txt") as f:  # expect: PY201
        await ctx.send(f.read())


@bot.command()
async def prefix(ctx: commands.Context) -> None:
    # Memoised: read once, not on every command.
    await ctx.send(get_settings()["prefix"])  # ok: memoised, blocks once


@bot.event
async def on_message(message: discord.Message) -> None:
    if message.content == "!slow":
        time.sleep(1)  # expect: PY201
