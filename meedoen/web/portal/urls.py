from django.urls import path

from meedoen.web.portal import views
from meedoen.web.portal.product_cost import product_cost_view

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("regelingencheck/", views.check_start, name="check-start"),
    path("regelingencheck/uitkomst/", views.check_result, name="check-result"),
    path("regelingencheck/uitkomst/wat-betaalt-de-gemeente/", product_cost_view, name="product-cost"),
    path("regelingencheck/uitkomst.pdf", views.check_result_pdf, name="check-result-pdf"),
    path("regelingencheck/opnieuw/", views.check_reset, name="check-reset"),
    path("regelingencheck/<slug:slug>/", views.check_step, name="check-step"),
]
