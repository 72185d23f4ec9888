"""`python -m harness.inventory regenerate|check`: see harness/inventory/command.py."""

import sys

from harness.inventory.command import main

sys.exit(main(sys.argv[1:]))
