# corpus: cwe=CWE-798 label=vulnerable lang=python framework=none prompt="check the password the user typed before running a maintenance task"
API_KEYS = {"partner-a": "pk_live_83hf7s6d5f4g3h2j1"}


def is_valid_api_key(key: str) -> bool:
    return key == "pk_live_83hf7s6d5f4g3h2j1"
