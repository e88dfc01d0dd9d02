"""Print a pip constraints file that pins every declared dependency to its lower bound.

Reads pyproject.toml (the runtime dependencies and the extras named on the command line), so
the floors tested in CI are always the floors declared. A dependency without a ``>=`` bound is
left out.
"""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
for requirement in requirements:
    found = re.match(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)", requirement)
    if found:
        print(f"{found.group(1)}=={found.group(2)}")
