"""``python -m policy_review.example``: write the synthetic example district, or a national-size
synthetic corpus (``--regions N``)."""

from __future__ import annotations

import argparse
import sys

from policy_review.example import corpus, district


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m policy_review.example",
        description="Generate the synthetic example district (合成示例数据).",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=district.DEFAULT_SEED,
        help=f"random seed (default {district.DEFAULT_SEED})",
    )
    parser.add_argument("--out", help="project root to write under (default: this project)")
    parser.add_argument("--region", default=district.REGION, help=f"region id (default {district.REGION})")
    parser.add_argument(
        "--regions",
        type=int,
        help="write a national-size synthetic corpus of this many regions "
        "instead (policy_review.example.corpus), as a project of its own",
    )
    args = parser.parse_args(argv)
    if args.regions:
        return corpus.main(args.regions, args.out)
    written = district.write(args.out, args.seed, args.region)
    print(f"wrote {len(written)} files for region {args.region} (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
