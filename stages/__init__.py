"""The bottom layer: what a stage is, as data.

Lives here: the stage model (`model`), the permanent stages and their
settings (`catalog`), stage-name rules (`validation`), the AWS naming
catalogue (`naming`), the secret names (`secret_names`), the app contract
(`app_contract`) and the one error model (`errors`). Pure Python, no cdktf.

Imports nothing of this repository's other packages; every other package
may import it.
"""

from stages.catalog import (
    EPHEMERAL_STAGES_VARIABLE,
    PERMANENT_STAGES,
    ephemeral_stage,
    parse_stage_list,
    resolve_stage,
    selected_stages,
)
from stages.errors import EXIT_FAILURE, EXIT_OK, EXIT_UNUSABLE, SgctError, UnusableInputError
from stages.model import (
    APP_NAME,
    BOOTSTRAP_STACK_NAME,
    GLOBAL_REGION,
    PRIMARY_REGION,
    ZONE_NAME,
    AlarmThresholds,
    Protection,
    Stage,
    StageKind,
    StageSettings,
)
from stages.validation import StageNameError

__all__ = [
    "EXIT_FAILURE",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "SgctError",
    "UnusableInputError",
    "APP_NAME",
    "BOOTSTRAP_STACK_NAME",
    "EPHEMERAL_STAGES_VARIABLE",
    "GLOBAL_REGION",
    "PERMANENT_STAGES",
    "PRIMARY_REGION",
    "ZONE_NAME",
    "AlarmThresholds",
    "Protection",
    "Stage",
    "StageKind",
    "StageNameError",
    "StageSettings",
    "ephemeral_stage",
    "parse_stage_list",
    "resolve_stage",
    "selected_stages",
]
