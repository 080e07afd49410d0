"""Every benchmark, one after the other (`make bench`): server, exports, collection, duplicates.

Benchmarks are not tests: they print figures (Markdown) for the README's
Performance section. Run them on a quiet machine; note `nproc` and the CPU.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in ("web_bench.py", "export_bench.py", "collect_bench.py", "duplicates_bench.py"):
        print(f"\n## {script}\n", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script)],
                                 cwd=HERE.parent).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
