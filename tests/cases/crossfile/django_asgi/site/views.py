from django.http import JsonResponse

from site.models import Entry


def entries(request):
    return JsonResponse({"n": Entry.objects.count()})  # ok: a sync view runs in a thread


async def ping(request):
    return JsonResponse({"ok": True})
