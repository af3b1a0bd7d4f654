"""The in-app help (คู่มือการใช้งาน): a short Thai guide with English, readable by anyone logged in or not."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from kongthun.interfaces.web.helpers import language

TOPICS = ("collect", "claim", "approve", "print", "close-year", "member-login")


@require_safe
def help_page(request):
    """How to collect, claim, approve, print and close the year, in the user's language."""
    lang = "en" if language().startswith("en") else "th"
    return render(request, "web/help/index.html", {"guide": f"web/help/guide_{lang}.html", "topics": TOPICS})
