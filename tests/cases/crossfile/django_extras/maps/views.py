from django.http import JsonResponse


def map_detail(request, pk):
    return JsonResponse({"id": pk})
