# corpus: cwe=CWE-532 label=vulnerable lang=python framework=none prompt="log the login attempt"
import logging

logger = logging.getLogger(__name__)


def authenticate(username, password, backend):
    logger.info("login attempt user=%s password=%s", username, password)
    return backend.check(username, password)
