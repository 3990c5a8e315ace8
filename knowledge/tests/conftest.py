import pytest

from accounts.models import Membership
from conftest import make_user


@pytest.fixture
def learner(world):
    """Staff outside the projects: a job-centre caseworker with only the learner role."""
    return make_user("learner", (world.national, None, Membership.Role.LEARNER))
