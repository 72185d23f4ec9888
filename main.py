"""The CDKTF app: one Terraform stack per stage, plus the state bootstrap.

    python main.py                       # prod, staging, dev (+ bootstrap)
    python main.py --stage pr-123        # ... plus an ephemeral stage
    SGCT_EPHEMERAL_STAGES=pr-123 cdktf deploy pr-123

`cdktf synth` / `cdktf deploy` run this file (see cdktf.json) and pass the
output directory in CDKTF_OUTDIR, which is honoured.
"""

from __future__ import annotations

import argparse
import os
import sys

from modules.app.output_dir import check_replaceable, target_outdir
from modules.app.synth_cache import CACHE_VARIABLE, SynthCache
from stages import EPHEMERAL_STAGES_VARIABLE, EXIT_OK, selected_stages
from stages.errors import run_entry_point


def parse_args(argv: list[str], prog: str = "python main.py") -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Synthesize Terraform JSON for every permanent stage and any ephemeral ones.",
        epilog=f"Ephemeral stages may also come from {EPHEMERAL_STAGES_VARIABLE} (comma-separated).",
    )
    parser.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar="NAME",
        help="also synthesize this ephemeral stage (e.g. pr-123); repeatable",
    )
    parser.add_argument("--outdir", help="output directory (default: $CDKTF_OUTDIR or cdktf.out)")
    return parser.parse_args(argv)


def run(argv: list[str] | None = None, prog: str = "python main.py") -> int:
    """Synthesize the selected stages; `SgctError`s (bad stage name, bad outdir) go to the entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv, prog)
    stages = selected_stages(args.stage)
    outdir = target_outdir(args.outdir)
    check_replaceable(outdir)
    names = ", ".join(stage.name for stage in stages)
    cache = SynthCache.for_run([stage.name for stage in stages], outdir)
    if cache.is_fresh():
        print(
            f"unchanged: bootstrap, {names} in {outdir} "
            f"(no input changed; {CACHE_VARIABLE}=0 forces a synth)",
            file=sys.stderr,
        )
        return EXIT_OK
    # Prepared and imported after validation: loading jsii costs seconds, a bad name should not.
    # A web build's bundles are zipped meanwhile, on worker threads.
    from modules.compute.lambda_artifact import WEB_ARTIFACT_VARIABLE
    from modules.web.web_artifact import package_build_ahead

    package_build_ahead(os.environ.get(WEB_ARTIFACT_VARIABLE) or None)
    from modules.app.runtime import prepare

    prepare()
    from modules.app.synthesis import synthesize

    try:
        synthesize(stages, outdir)
    except BaseException:
        print(f"note: synthesis did not finish; {outdir} was left unchanged", file=sys.stderr)
        raise
    cache.record()
    print(f"synthesized bootstrap, {names} into {outdir}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None, prog: str = "python main.py") -> int:
    """The entry point: errors are reported once, by `stages.errors.run_entry_point`."""
    return run_entry_point(lambda: run(argv, prog), prog)


if __name__ == "__main__":
    sys.exit(main())
