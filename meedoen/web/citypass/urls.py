"""The city pass pages (namespace ``citypass``) and the tills' API beside them (its own namespace:
django-ninja reverses its root by that name, which a nested namespace would hide)."""

from django.urls import include, path

from meedoen.web.citypass.api import api
from meedoen.web.citypass.views import common, officer, provider, resident

pages = [
    path("", common.home, name="home"),
    path("mijn-pas/", resident.mine, name="mine"),
    path("mijn-pas/<int:pk>/geschiedenis/", resident.history, name="history"),
    path("aanbod/", resident.offers, name="offers"),
    path("aanbieder/aanmelden/", provider.register, name="register"),
    path("aanbieder/", provider.redeem, name="provider"),
    path("aanbieder/afschrijven/", provider.book, name="book"),
    path("aanbieder/terugdraaien/<uuid:reference>/", provider.reverse, name="reverse"),
    path("aanbieder/aanbod/", provider.offer_list, name="offer-list"),
    path("aanbieder/aanbod/nieuw/", provider.offer_edit, name="offer-new"),
    path("aanbieder/aanbod/<int:pk>/", provider.offer_edit, name="offer-edit"),
    path("aanbieder/aanbod/<int:pk>/aan-uit/", provider.offer_toggle, name="offer-toggle"),
    path("aanbieder/kassas/", provider.tills, name="tills"),
    path("aanbieder/kassas/<int:pk>/intrekken/", provider.till_revoke, name="till-revoke"),
    path("aanbieder/overzichten/", provider.my_statements, name="my-statements"),
    path(
        "aanbieder/overzichten/<int:year>-<int:month>.<str:kind>",
        provider.my_statement,
        name="my-statement",
    ),
    path("gemeente/", officer.home, name="officer"),
    path("gemeente/aanbieder/<int:pk>/besluit/", officer.decide_provider, name="decide-provider"),
    path("gemeente/pas/", officer.find_pass, name="find-pass"),
    path("gemeente/pas/<int:pk>/vervangen/", officer.replace_pass, name="replace-pass"),
    path("gemeente/cijfers/", officer.figures, name="figures"),
    path("gemeente/cijfers/export/", officer.figures_export, name="figures-export"),
    path("gemeente/overzichten/", officer.statements_page, name="statements"),
]
urlpatterns = [
    path("api/", api.urls),  # first: a till's request then skips matching against every page
    path("", include((pages, "citypass"))),
]
