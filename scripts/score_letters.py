"""Score the converter on invented letters: the share of expected fields it gets right.

Usage: python scripts/score_letters.py [FOLDER...]   (default: tests/letters)

Each folder holds page texts with ``.expect`` files beside them (the format is
in tests/letters/README.md). Prints each check that fails, then the score.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from letter_checks import Converter, all_checks  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "letters"])
    parser.add_argument("-q", "--quiet", action="store_true", help="print the score only")
    arguments = parser.parse_args()
    checks = all_checks(*arguments.folders)
    converter = Converter()
    right = 0
    for check in checks:
        actual = converter.actual(check)
        if actual == check.expected:
            right += 1
        elif not arguments.quiet:
            print(f"{check.name}: {check.xpath}\n    expected: {check.expected}\n"
                  f"    got:      {actual}")
    cases = len({check.case for check in checks})
    share = right / len(checks) if checks else 0.0
    print(f"{right} of {len(checks)} checks right ({share:.1%}) in {cases} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
