from django.contrib import admin
from django.urls import include, path

from teilhabe.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("konto/start/", core_views.landing, name="landing"),  # LOGIN_REDIRECT_URL
    path("konto/", include("teilhabe.core.urls_account")),
    path("plattform/", include("teilhabe.core.urls_platform")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("teilhabe.api.urls")),
    path("<slug:municipality>/intern/", include("teilhabe.backoffice.urls")),
    path("<slug:municipality>/", include("teilhabe.portal.urls")),
]

handler400 = "teilhabe.core.views.bad_request"
handler403 = "teilhabe.core.views.permission_denied"
handler404 = "teilhabe.core.views.page_not_found"
handler500 = "teilhabe.core.views.server_error"
