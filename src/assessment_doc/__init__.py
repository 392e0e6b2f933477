"""assessment_doc: a Community Safety Partnership's Strategic Assessment, from data to Word and PDF."""

from .errors import AssessmentError, InputError, Problem
from .values import SUPPRESSED

__version__ = "0.1.0"

__all__ = ["AssessmentError", "InputError", "Problem", "SUPPRESSED", "__version__"]
