#!/usr/bin/env python3
"""Make src/teilhabe/static/monitoring/vega-interpreter.js from node_modules/vega-interpreter.

vega-interpreter (the CSP-compliant evaluator of Vega expressions, so the page needs no 'unsafe-eval') ships
only as an ES module that imports the bare name 'vega-util'; a browser resolves that only through an import
map, which would be an inline script. This writes the same code as a classic script that takes the three
vega-util functions from the `vega` global (vega.min.js exports all of vega-util) and defines the
`vegaInterpreter` global. Run it after changing the vega-interpreter version in package.json;
`--check` fails when the committed copy differs from what the installed package gives (a test runs it)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules/vega-interpreter/build/vega-interpreter.js"
TARGET = ROOT / "src/teilhabe/static/monitoring/vega-interpreter.js"
IMPORT = re.compile(r"^import \{ ([\w, ]+) \} from 'vega-util';\n", re.M)
EXPORT = re.compile(r"^export \{ expression as expressionInterpreter \};\n", re.M)


def wrapped() -> str:
    source = SOURCE.read_text(encoding="utf-8")
    version = json.loads((SOURCE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    names = IMPORT.search(source)
    if names is None or not EXPORT.search(source):
        raise SystemExit(f"{SOURCE}: unexpected module shape; update {Path(__file__).name}")
    body = EXPORT.sub("globalThis.vegaInterpreter = { expressionInterpreter: expression };\n",
                      IMPORT.sub("", source))
    body = re.sub(r"^//# sourceMappingURL=.*\n?", "", body, flags=re.M)
    return (f"/* vega-interpreter {version} (BSD-3-Clause, https://github.com/vega/vega), made a classic script by "
            f"scripts/{Path(__file__).name}. */\n"
            f"(function () {{\n'use strict';\nconst {{ {names.group(1)} }} = globalThis.vega;\n{body}}})();\n")


def main() -> int:
    text = wrapped()
    if "--check" in sys.argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/{Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
