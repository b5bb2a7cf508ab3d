from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.models import Municipality


@user_passes_test(lambda u: u.is_superuser)
def municipality_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/platform/municipality_list.html",
                  {"municipalities": Municipality.objects.order_by("name")})
