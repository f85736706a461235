"""The CSRF-exempt view check of the access analyzer on its own (the rule fixtures accept another
rule's finding with the same CWE on a line, so they cannot tell this rule's decisions apart)."""

from __future__ import annotations

import textwrap

from railguard.config import default_config
from railguard.vcs import scan_paths

VIEWS = '''
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from .models import Order, Shipment
from .tasks import remote_query


@csrf_exempt
def shipment_status(request):
    shipment = Shipment.objects.get(pk=request.POST.get("shipment_pk"))
    return JsonResponse({"status": shipment.status})


@csrf_exempt
def refresh_totals(request):
    """AJAX only."""
    if request.is_ajax():
        Order.objects.filter(open=True).update(total=None)
        return render(request, "totals.html", {})


@csrf_exempt
def origin_report(request):
    if request.POST.get("origin") != "https://shop.example":
        log.warning("unexpected origin from %s", get_client_ip(request))
    return JsonResponse({})


@csrf_exempt
def start_query(request):
    job = remote_query.delay(host=request.POST["host"])
    return JsonResponse({"job": job.id})


@csrf_exempt
def register(request):
    User.objects.create_user(request.POST["username"], password=request.POST["password"])
    return JsonResponse({"ok": True})


@csrf_exempt
def register_and_sign_in(request):
    user = User.objects.create_user(request.POST["username"], password=request.POST["password"])
    login(request, user)
    return JsonResponse({"ok": True})


@csrf_exempt
def cancel_order(request):
    Order.objects.filter(pk=request.POST["pk"]).update(status="cancelled")
    return JsonResponse({"ok": True})


@csrf_exempt
def cancel_order_from_helper(request):
    if request.META.get("HTTP_REFERER") not in (
        "http://localhost:9666/cancel",
        "http://127.0.0.1:9666/cancel",
    ):
        raise PermissionDenied
    Order.objects.filter(pk=request.POST["pk"]).update(status="cancelled")
    return JsonResponse({"ok": True})
'''
URLS = '''
from django.urls import path

from . import views

urlpatterns = [
    path("shipment/status/", views.shipment_status),
    path("totals/refresh/", views.refresh_totals),
    path("query/start/", views.start_query),
    path("origin/report/", views.origin_report),
    path("order/cancel/", views.cancel_order),
    path("order/helper/cancel/", views.cancel_order_from_helper),
    path("accounts/register/", views.register),
    path("accounts/quick/register/", views.register_and_sign_in),
]
'''


def test_only_views_that_change_something_or_queue_work_are_reported(tmp_path):
    app = tmp_path / "shop"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "views.py").write_text(textwrap.dedent(VIEWS))
    (app / "urls.py").write_text(textwrap.dedent(URLS))
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(tmp_path)], config, use_cache=False)
    lines = {f.line for f in report.findings if f.rule_id == "access.csrf-exempt-state-changing"}
    text = textwrap.dedent(VIEWS).splitlines()
    # a finding sits on the view's @csrf_exempt line (1-based): the definition follows it
    names = {text[line].split("(")[0].removeprefix("def ") for line in lines}
    # the status poll and the origin report read and answer (a getter of the request is no hand-off);
    # the AJAX-only view does all its work for the page's own script; a public sign-up that signs
    # nobody in uses nothing the browser adds; a view that refuses any Referer but a fixed page's cannot
    # be forged from another site (cancel_order is the same view without that test)
    assert names == {"start_query", "cancel_order", "register_and_sign_in"}
