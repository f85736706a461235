import logging

log = logging.getLogger("events")


def record(name):
    log.info("event for %s", name)
