"""`python -m tally`: the launcher; it starts the bot."""
import argparse
import os

from .bot import bot


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--token-file", default="token.txt")
    args = parser.parse_args()
    with open(args.token_file) as f:  # ok: start-up (not in a coroutine)
        token = f.read().strip()
    bot.run(os.environ.get("TALLY_TOKEN", token))


if __name__ == "__main__":
    main()
