from django.urls import path

from site import views

urlpatterns = [
    path("entries/", views.entries),
    path("ping/", views.ping),
]
