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
    fix="Add the resource type to PREVENT_DESTROY_TYPES in modules/app/protection.py (the protection "
    "Aspect then sets prevent_destroy on protected stages and force_destroy by type); turn on the "
    "service's deletion protection switch in the construct; never set force_destroy by hand.",
)
def check(doc, context):
    """What: on a protected stage (prod, bootstrap) every resource of a protected type
    (`policies.inputs.resource_types.PROTECTED_TYPES`: buckets, log groups, Lambdas, APIs, domains,
    CloudFront, certificates, DNS records, SNS topics, ...) has `lifecycle.prevent_destroy = true`,
    its AWS-side deletion protection switch on where the service has one, and `force_destroy`
    not set.

    Why: a rename, a refactor or a stray `terraform destroy` must not be able to delete
    production data or the public site; `prevent_destroy` makes Terraform refuse.

    Fix: the protection Aspect (`modules/app/protection.py`) sets `prevent_destroy` on every
    type in its `PREVENT_DESTROY_TYPES` table (`"lifecycle": {"prevent_destroy": true}` in the
    synthesized JSON) and `force_destroy` on `FORCE_DESTROY_TYPES`: add a new type there, not
    in the construct. The deletion protection switch (e.g. `deletion_protection_enabled`) is
    set by the construct that creates the resource.
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
