"""Publishing errors: one class, exit 1 (a retry may succeed) unless the input is unusable (2)."""

from __future__ import annotations

from sgct.errors import SgctError


class PublishError(SgctError):
    """Publishing failed: names the stage, bucket, key or distribution involved and what to do."""
