from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("compare/", views.report_compare, name="report_compare"),
    path("compare/report.pdf", views.report_compare_pdf, name="report_compare_pdf"),
    path("compare/report.xlsx", views.report_compare_xlsx, name="report_compare_xlsx"),
    path("<slug:slug>/", views.project_report, name="project_report"),
    path("<slug:slug>/report.json", views.project_report_json, name="project_report_json"),
    path("<slug:slug>/report.xlsx", views.project_report_xlsx, name="project_report_xlsx"),
    path("<slug:slug>/report.pdf", views.project_report_pdf, name="project_report_pdf"),
]
