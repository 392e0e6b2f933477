"""``python -m assessment_doc``: the same command line as ``assessment-doc``."""

from .cli import main

raise SystemExit(main())
