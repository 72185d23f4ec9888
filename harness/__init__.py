"""The Terratest-style harness: synthesis fixtures, assertions, inventories, Terraform runner.

Import the everyday names from here: `from harness import Template, PlanTemplate, Match, Capture, applied`.
May import `stages`, `sensitive`, `modules` (to synthesize) and `policies`; imported by the tests,
`sgct` and `operations` (the Terraform runner and the HTTP retry), never by a lower layer.
"""

from harness.http import HttpCheckError, http_get_with_retry
from harness.matchers import Capture, Match
from harness.plan_template import PlanTemplate
from harness.template import Template
from harness.terraform import Terraform, TerraformError, TerraformOptions
from harness.workflow import applied, is_step_skipped, run_step, unique_stage_name

__all__ = [
    "Capture",
    "HttpCheckError",
    "Match",
    "PlanTemplate",
    "Template",
    "Terraform",
    "TerraformError",
    "TerraformOptions",
    "applied",
    "http_get_with_retry",
    "is_step_skipped",
    "run_step",
    "unique_stage_name",
]
