from django import forms
from django.contrib.auth import password_validation
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.forms import ModelForm
from projects.models import Organisation, Project

from .models import Membership, User
from .services import grant_role, self_grant_problem


class UserForm(ModelForm):
    # Staff, not citizens: the work e-mail is one, and a user name may be (many municipalities sign
    # in with it). A CPR or phone number is refused in both, as in the names.
    identity_allows = {"email": ("email",), "username": ("email",)}
    password = forms.CharField(
        label=_("New password"), required=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active"]
        labels = {"email": _("Work e-mail")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Keep the current password" only where there is one to keep.
        field = self.fields["password"]
        if not self.instance.pk:
            field.label, field.help_text = _("Password"), _("At least 12 characters.")
        elif not self.instance.has_usable_password():
            field.help_text = _("At least 12 characters. The user has no password yet; leave empty to keep it so.")

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and not self.instance.pk:
            raise forms.ValidationError(_("A new user needs a password."))
        return password

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # Checked against the user as typed in this form: the instance does not have the new
            # user name (or any, for a new user) until the form is saved.
            candidate = User(**{name: cleaned.get(name, getattr(self.instance, name))
                                for name in ("username", "first_name", "last_name", "email")})
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "project", "role"]
        labels = {"user": _("User"), "organisation": _("Organisation"), "project": _("Project")}

    def __init__(self, *args, by=None, project: Project | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        users = User.objects.filter(is_active=True).order_by("username")
        self.fields["user"].queryset = users
        if project is not None:
            # A coordinator manages the members of their own project only, and sees only the staff
            # it concerns: people of the project's own organisations or already in the project,
            # and new users without any role yet. Staff elsewhere are not theirs to see.
            self.fields["user"].queryset = users.filter(
                Q(memberships__organisation__in=project.organisations()) | Q(memberships__project=project)
                | Q(memberships__isnull=True)
            ).distinct()
            del self.fields["project"]
            self.instance.project = project
            self.fields["organisation"].queryset = project.organisations()
            self.fields["role"].choices = [
                (value, label) for value, label in Membership.Role.choices if value not in Membership.GLOBAL_ROLES
            ]
        else:
            self.fields["organisation"].queryset = Organisation.objects.all()
            self.fields["project"].required = False

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        project = cleaned.get("project", self.instance.project)
        if role in Membership.GLOBAL_ROLES and project is not None:
            self.add_error("project", _("This role is not tied to a project: leave the project empty."))
        if role and role not in Membership.GLOBAL_ROLES and project is None:
            self.add_error("project", _("Choose the project the role is for."))
        user, organisation = cleaned.get("user"), cleaned.get("organisation")
        problem = self_grant_problem(by=self.by, user=user, role=role) if role else None
        if problem:
            self.add_error("role", problem)
        if user and organisation and role and not self.errors:
            # Checked here because the database's unique constraint does not see the project
            # when the form has no project field (a coordinator's form) or it is empty.
            if Membership.objects.filter(user=user, organisation=organisation, project=project, role=role).exists():
                raise forms.ValidationError(_("The user already has this role."))
        return cleaned

    def save(self, commit=True, *, request=None):
        """Through `grant_role`, so the rule is checked again and the grant is logged."""
        data = self.cleaned_data
        return grant_role(by=self.by, user=data["user"], organisation=data["organisation"],
                          project=data.get("project", self.instance.project), role=data["role"], request=request)
