# corpus: cwe=CWE-377 label=vulnerable lang=python framework=none prompt="write the export to a temporary file before uploading it"
import json


def save_state(state):
    with open("/tmp/app_state.json", "w") as f:
        json.dump(state, f)
