from time import monotonic

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.forms import Form

from .formats import MAX_UPLOAD_BYTES, WEB_TIME_LIMIT, UnreadableFile, check_upload
from .models import ImportUpload


class UploadForm(Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportUpload.Kind.choices,
                             widget=forms.RadioSelect, initial=ImportUpload.Kind.REGISTRATIONS)
    file = forms.FileField(label=_("File"), help_text=_(
        "An Excel workbook (.xlsx) with the registrations, or a CSV file with WHO-5 answers. At most 20 MB."))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        if len(projects) == 1:
            self.fields["project"].initial = projects[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB. Split it or remove what is not needed."))
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and data.get("kind") == ImportUpload.Kind.REGISTRATIONS:
            # A workbook that is no workbook, or one made to tie up the server, is refused here and
            # never stored: otherwise every visit to its preview would open it again.
            try:
                check_upload(upload.read(), deadline=monotonic() + WEB_TIME_LIMIT)
            except UnreadableFile as error:
                self.add_error("file", str(error))
            finally:
                upload.seek(0)
        return data
