"""Django's CsrfViewMiddleware (on by default) refuses a POST without the site's token: the form
body (`request.POST`) of a view that takes POSTs (a class-based view's post(), a function under
`@require_POST` or `@csrf_protect`) came from a page of this site, so a redirect target or a page
reflected from it is the sender's own, not one a link of another site chooses: reported at low
confidence (for the editor). The query string, a helper that is no view, and a view exempt from the
check (`csrf_exempt` as its decorator or around `View.as_view()` in the same file) keep theirs."""

from __future__ import annotations

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence

FORMS = '''
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.views import View
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST


@require_POST
def set_theme(request):
    return HttpResponseRedirect(request.POST.get("next", "/"))


@require_POST
def preview(request):
    title = request.POST.get("title", "")
    return HttpResponse("<h1>Preview of %s</h1>" % title)


@csrf_protect
def login_form(request):
    if request.method == "POST":
        return redirect(request.POST["region_url"])
    return HttpResponse("log in")


class PublishView(View):
    def post(self, request, *args, **kwargs):
        return HttpResponseRedirect(request.POST.get("redirect"))


def set_theme_link(request):
    return HttpResponseRedirect(request.GET.get("next", "/"))


@require_POST
def preview_link(request):
    return HttpResponse("<h1>Preview of %s</h1>" % request.GET.get("title", ""))


class CommandDispatcher:
    def __init__(self, request):
        self.request = request

    def handle(self, command):
        return HttpResponseRedirect(self.request.POST.get("return"))
'''

EXEMPT = '''
from django.http import HttpResponse, HttpResponseRedirect
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def set_theme(request):
    return HttpResponseRedirect(request.POST.get("next", "/"))


class PublishView(View):
    def post(self, request, *args, **kwargs):
        return HttpResponse("<p>%s published</p>" % request.POST.get("title"))


publish = csrf_exempt(PublishView.as_view())


class UploadView(View):
    def post(self, request, *args, **kwargs):
        return HttpResponseRedirect(request.POST.get("next"))
'''


def _confidences(path: str, text: str) -> dict[int, tuple[str, Confidence]]:
    config = default_config()
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document.from_text(path, text)).findings
    return {f.line: (f.rule_id, f.confidence) for f in found if f.rule_id in (
        "taint.python.open-redirect", "taint.python.xss")}


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_form_body_of_a_csrf_protected_view_is_low_for_redirects_and_pages():
    found = _confidences("shop/views.py", FORMS)
    low = [
        ("taint.python.open-redirect", 'request.POST.get("next", "/")'),
        ("taint.python.xss", '"<h1>Preview of %s</h1>" % title'),
        ("taint.python.open-redirect", 'request.POST["region_url"]'),
        ("taint.python.open-redirect", 'request.POST.get("redirect")'),
    ]
    for rule, needle in low:
        assert found[_line(FORMS, needle)] == (rule, Confidence.LOW), needle
    high = [
        ("taint.python.open-redirect", 'request.GET.get("next", "/")'),
        ("taint.python.xss", 'request.GET.get("title", "")'),
        ("taint.python.open-redirect", 'self.request.POST.get("return")'),
    ]
    for rule, needle in high:
        assert found[_line(FORMS, needle)] == (rule, Confidence.HIGH), needle


def test_a_view_exempt_from_the_csrf_check_keeps_the_confidence_of_its_form_body():
    found = _confidences("shop/exempt.py", EXEMPT)
    assert found[_line(EXEMPT, 'request.POST.get("next", "/")')] == ("taint.python.open-redirect", Confidence.HIGH)
    assert found[_line(EXEMPT, '"<p>%s published</p>"')] == ("taint.python.xss", Confidence.HIGH)
    assert found[_line(EXEMPT, 'request.POST.get("next"))')] == ("taint.python.open-redirect", Confidence.LOW)
