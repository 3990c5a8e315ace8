import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef


def creator_is_responsible(apps, schema_editor):
    """Existing courses: the creator is the responsible worker if they are staff of the course's
    organisation in its project (a role that sees courses, as on the day of this migration); else no one."""
    Course = apps.get_model("courses", "Course")
    Membership = apps.get_model("accounts", "Membership")
    staff = Membership.objects.filter(
        user_id=OuterRef("created_by_id"), project_id=OuterRef("project_id"),
        organisation_id=OuterRef("organisation_id"), role__in=["caseworker", "coordinator"],
    )
    Course.objects.filter(Exists(staff)).update(responsible_id=F("created_by_id"))


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0007_breakglass"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="responsible",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="responsible worker"),
        ),
        migrations.RunPython(creator_is_responsible, migrations.RunPython.noop),
    ]
