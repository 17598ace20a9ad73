"""The action server (`rasa run actions`), made ready before it listens: knowledge index, sentence
encoder and topic menus are loaded first, so the first question is as fast as the ones after it."""
import argparse
import logging
import time

logger = logging.getLogger("bot.action_server")


def warm_up() -> None:
    from actions.knowledge_actions import warm_up as warm_up_answering

    started = time.perf_counter()
    warm_up_answering()
    logger.info("knowledge index, encoder and topic menus ready in %.1f s", time.perf_counter() - started)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    warm_up()
    from rasa_sdk import endpoint

    endpoint.run("actions", port=args.port)


if __name__ == "__main__":
    main()
