# corpus: cwe=CWE-377 label=safe lang=python framework=none prompt="write the export to a temporary file before uploading it"
import json
import os
import tempfile


def save_state(state):
    fd, path = tempfile.mkstemp(prefix="app_state-", suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump(state, f)
    return path
