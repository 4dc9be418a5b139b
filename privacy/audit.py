"""The one place findings are logged: kind and field only, never the identifier itself."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from privacy.guard import Finding

logger = logging.getLogger("privacy")


def log_findings(findings: Iterable[Finding], field: str = "") -> None:
    for finding in findings:
        logger.info(
            "Blocked an identifier: kind=%s field=%s",
            finding.kind,
            field or "-",
            extra={"privacy_kind": finding.kind, "privacy_field": field},
        )
