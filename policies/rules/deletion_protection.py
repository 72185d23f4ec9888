"""SGCT001: protected stages keep their stateful and user-facing resources."""

from policies.inputs.resource_types import DELETION_PROTECTION_ATTRIBUTES
from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import CONFIG, rule


@rule(
    "SGCT001",
    "deletion-protection",
    "Protected resources have deletion protection",
    Severity.ERROR,
    StageScope.PROTECTED,
    CONFIG,
    fix="Build the resource with modules.app.protection: lifecycle_for(stage) (prevent_destroy), "
    "deletion_protection_for(stage), force_destroy_for(stage).",
)
def check(doc, context):
    """What: on a protected stage (prod, bootstrap) every resource of a protected type
    (`policies.inputs.resource_types.PROTECTED_TYPES`: buckets, log groups, Lambdas, APIs, domains,
    CloudFront, certificates, DNS records, SNS topics, ...) has `lifecycle.prevent_destroy = true`,
    its AWS-side deletion protection switch on where the service has one, and `force_destroy`
    not set.

    Why: a rename, a refactor or a stray `terraform destroy` must not be able to delete
    production data or the public site; `prevent_destroy` makes Terraform refuse.

    Fix: `lifecycle=lifecycle_for(stage)` on the construct, e.g.
    `"lifecycle": {"prevent_destroy": true}` in the synthesized JSON.
    """
    for resource in doc.resources.values():
        if resource.type not in context.protected_types:
            continue
        if resource.lifecycle.get("prevent_destroy") is not True:
            yield Violation(
                resource.address,
                f"{resource.type} on protected stage {doc.stage.name} lacks lifecycle.prevent_destroy = true",
            )
        if resource.type in DELETION_PROTECTION_ATTRIBUTES:
            attribute, wanted = DELETION_PROTECTION_ATTRIBUTES[resource.type]
            if resource.get(attribute) != wanted:
                yield Violation(
                    resource.address,
                    f"{attribute} is {resource.get(attribute)!r}, "
                    f"must be {wanted!r} on protected stage {doc.stage.name}",
                )
        if resource.get("force_destroy") not in (None, False):
            yield Violation(
                resource.address,
                f"force_destroy is {resource.get('force_destroy')!r}; a protected stage never force-destroys",
            )
