from django.urls import path

from . import views

# "release" (handing data out) names the pages; each view declares what the access log makes of it.
urlpatterns = [
    path("<slug:slug>/", views.release_ledger, name="release_ledger"),
    path("<slug:slug>/new/", views.release_new, name="release_new"),
    path("<slug:slug>/<int:pk>/", views.release_detail, name="release_detail"),
    path("<slug:slug>/<int:pk>/decide/", views.release_decide, name="release_decide"),
    path("<slug:slug>/<int:pk>/withdraw/", views.release_withdraw, name="release_withdraw"),
    path("<slug:slug>/<int:pk>/download/", views.release_download, name="release_download"),
]
