"""Capability URLs: a token or key in the path is the credential for the record it names, unless
the path also names the user the token belongs to (then it signs that user in, and the record is
still to be checked against that user)."""

import pytest

from railguard.config import default_config
from railguard.engine.access.intent import public_by_design
from railguard.engine.access.model import Route, model_for


@pytest.mark.parametrize("path, public", [
    ("/push/<push_token>/", True),
    (r"/order/payment/(?P<pk>.+?)/(?P<key>.+?)/", True),          # the order's id, then its key
    ("/settings/<key>/", False),                                      # a key that names a setting
    (r"/(?P<pk>\d+)/ical/(?P<uidb64>[0-9A-Za-z_\-]+)/(?P<token>[\w-]+)", False),  # a user's token
    ("/users/<int:user_id>/reset/<token>/", False),
])
def test_capability_urls(path, public):
    route = Route("django", ("GET",), path, "view", 0, 1, 0)
    reason = public_by_design(route, model_for(default_config(".")))
    assert reason.startswith("a capability URL") is public, reason
