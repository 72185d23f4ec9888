"""The Terratest-style harness: synthesis fixtures, assertions, inventories, Terraform runner.

Import the everyday names from here: `from harness import Template, Match, Capture, applied`.
"""

from harness.http import HttpCheckError, http_get_with_retry
from harness.matchers import Capture, Match
from harness.template import Template
from harness.terraform import Terraform, TerraformError, TerraformOptions
from harness.workflow import applied, is_stage_skipped, run_stage, unique_stage_name

__all__ = [
    "Capture",
    "HttpCheckError",
    "Match",
    "Template",
    "Terraform",
    "TerraformError",
    "TerraformOptions",
    "applied",
    "http_get_with_retry",
    "is_stage_skipped",
    "run_stage",
    "unique_stage_name",
]
