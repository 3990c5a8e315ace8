import time

import pyotp
import pytest

from signin import services


@pytest.fixture
def enrolled(world):
    """caseworker_a with a confirmed authenticator app; returns its pyotp.TOTP.

    Confirmed with the code of the step before the current one, so the code a test types now is
    newer (a code works once, and no older code after a newer one). One reading of the clock
    gives both the step and the verifier's "now", so a step boundary cannot fall between them.
    """
    user = world.users["caseworker_a"]
    device = services.start_enrolment(user)
    totp = pyotp.TOTP(device.secret)
    now = time.time()
    previous_step = int(now) // totp.interval - 1
    assert services.verify_totp(user, totp.generate_otp(previous_step), now=now)
    device.refresh_from_db()
    assert device.last_used_step == previous_step
    assert device.confirmed
    return totp
