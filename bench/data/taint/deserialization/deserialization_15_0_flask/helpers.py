import base64
import json


def decode(token):
    return json.loads(base64.b64decode(token))
