"""The names of the secrets every stage supplies: platform data, free of CDKTF.

Why here: the modules turn each name into a sensitive Terraform variable,
and the policies and plan review treat each name as a credential whatever
its words say (`DATABASE_URL`, `TELEGRAM_CHANNEL_ID`). The list is derived
from the app contract (`stages/app_contract.py`), so a name the app reads is
a secret everywhere at once.
"""

from stages.app_contract import SECRET_NAMES

__all__ = ["SECRET_NAMES"]
