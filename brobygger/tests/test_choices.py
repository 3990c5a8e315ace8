import re

from django import forms

from brobygger.templatetags.brobygger import dkfds_choices

INPUT = re.compile(r"<input ([^>]*)>")


def inputs(html):
    """(type, name, value, id, checked) of every <input> in the html, whatever the attribute order."""
    found = []
    for attrs in INPUT.findall(html):
        get = lambda name, attrs=attrs: (re.search(rf'\b{name}="([^"]*)"', attrs) or [None, None])[1]  # noqa: E731
        found.append((get("type"), get("name"), get("value"), get("id"), bool(re.search(r"\bchecked\b", attrs))))
    return found


class Contact(forms.Form):
    topics = forms.MultipleChoiceField(
        choices=[("housing", "Bolig"), ("health", "Sundhed"), ("legal", "Jura & <ret>")],
        widget=forms.CheckboxSelectMultiple, required=False)
    gender = forms.ChoiceField(choices=[("", "Ikke oplyst"), ("woman", "Kvinde"), ("man", "Mand")],
                               widget=forms.RadioSelect, required=False)


def test_choice_items_match_what_djangos_own_widgets_render():
    form = Contact(data={"topics": ["housing", "legal"], "gender": "man"})
    for name in ("topics", "gender"):
        assert inputs(dkfds_choices(form[name])) == inputs(str(form[name]))


def test_nothing_chosen_checks_the_empty_radio_as_django_does():
    form = Contact()
    assert inputs(dkfds_choices(form["gender"])) == inputs(str(form["gender"]))
    assert [checked for *_rest, checked in inputs(dkfds_choices(form["topics"]))] == [False, False, False]


def test_labels_are_escaped_and_carry_dkfds_classes():
    html = dkfds_choices(Contact()["topics"])
    assert "Jura &amp; &lt;ret&gt;" in html
    assert html.count('class="form-group-checkbox"') == 3 and 'class="form-checkbox"' in html
