# corpus: cwe=CWE-532 label=safe lang=python framework=none prompt="log the login attempt"
import logging

logger = logging.getLogger(__name__)


def authenticate(username, password, backend):
    logger.info("login attempt user=%s", username)
    return backend.check(username, password)
