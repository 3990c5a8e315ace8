from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("compare/", views.report_compare, name="report_compare"),
    path("<slug:slug>/", views.project_report, name="project_report"),
    path("<slug:slug>/report.json", views.project_report_json, name="project_report_json"),
    path("<slug:slug>/report.xlsx", views.project_report_xlsx, name="project_report_xlsx"),
    path("<slug:slug>/report.pdf", views.project_report_pdf, name="project_report_pdf"),
]
