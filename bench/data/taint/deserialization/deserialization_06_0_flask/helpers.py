import base64
import pickle


def load_session(token):
    return pickle.loads(base64.b64decode(token))
