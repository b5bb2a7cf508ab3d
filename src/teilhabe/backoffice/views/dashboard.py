from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from teilhabe.core.roles import Perm
from teilhabe.core.tenancy import requires


@requires(Perm.VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/dashboard.html")
