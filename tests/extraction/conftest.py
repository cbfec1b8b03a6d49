"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from claims.extraction import calibration


@pytest.fixture
def calibrated_version() -> str:
    versions = sorted(calibration.calibrations())
    if not versions:
        pytest.skip("no news calibration shipped")
    return versions[0]
