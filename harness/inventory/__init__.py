"""Inventories: the reviewed, expected subset of each stage's synthesized JSON.

`model` builds, reads and compares inventories; `command` is the
`python -m harness.inventory` / `sgct inventory` command line over it. The
command imports the model, never the other way round, so importing the
package for its data never pulls in argument parsing or synthesis.

May import the rest of `harness` (synthesis, matchers), `policies.output_files`
and `stages`; imported by the inventory tests and `sgct inventory`.
"""

from harness.inventory.model import (
    INVENTORY_DIR,
    INVENTORY_STAGES,
    PROPERTIES,
    REGENERATE_COMMAND,
    build_inventory,
    check_inventory,
    dump_inventory,
    inventory_mismatches,
    inventory_path,
    load_inventory,
)

__all__ = [
    "INVENTORY_DIR",
    "INVENTORY_STAGES",
    "PROPERTIES",
    "REGENERATE_COMMAND",
    "build_inventory",
    "check_inventory",
    "dump_inventory",
    "inventory_mismatches",
    "inventory_path",
    "load_inventory",
]
