"""Portal URLs of participation: subscriptions."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import subscriptions

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/abonnieren/", subscriptions.subscribe, name="participation_subscriptions_subscribe"),
    path("beteiligung/abonnieren/danke/", subscriptions.thanks, name="participation_subscriptions_thanks"),
    path("beteiligung/abonnieren/folgen/", subscriptions.follow, name="participation_subscriptions_follow"),
    path("beteiligung/abonnieren/bestaetigen/<str:code>/", subscriptions.confirm,
         name="participation_subscriptions_confirm"),
    path("beteiligung/abbestellen/<str:token>/", subscriptions.manage, name="participation_subscriptions_manage"),
]
