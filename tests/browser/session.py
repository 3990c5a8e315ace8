"""Sign a browser in without the sign-in form: a session made by Django's test client,
put into the browser as its cookie. Fast, and independent of how the sign-in page works."""

from django.conf import settings
from django.test import Client


def sign_in(ui, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    ui.page.context.clear_cookies()
    ui.page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": ui.base}])
    return ui
