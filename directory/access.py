"""Who may use the directory: every staff user with a membership reads it; coordinators keep it."""

from accounts.access import coordinates_a_project, is_staff_member
from brobygger.access import requires

can_keep_directory = coordinates_a_project

staff_required = requires(is_staff_member)
keeper_required = requires(can_keep_directory)
