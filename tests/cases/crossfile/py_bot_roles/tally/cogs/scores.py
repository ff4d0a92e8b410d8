"""A cog: its commands are handlers; what they call is on the loop too."""
from discord.ext import commands

from ..store import Store


def read_scores(guild_id: int) -> str:
    with open(f"data/scores/{guild_id}.txt") as f:
        return f.read()


class Scores(commands.Cog):
    @commands.command()
    async def scores(self, ctx: commands.Context) -> None:
        await ctx.send(read_scores(ctx.guild.id))  # expect: PY202

    @commands.command()
    async def store(self, ctx: commands.Context) -> None:
        await ctx.send(str(Store.get_instance().data))  # ok: a singleton, built once


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Scores())
