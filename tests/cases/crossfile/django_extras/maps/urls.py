from django.urls import path

from . import views

urlpatterns = [path("map/<int:pk>", views.map_detail)]
