"""The factsheet pipeline: clean and parse factsheets, build and search the knowledge base."""
from .build import build, factsheet_files
from .errors import FactsheetError, KnowledgeBaseMissing, KnowledgeError
from .parse import Factsheet, Passage, parse_text, read_factsheet
from .search import ConceptHit, Hit, KnowledgeBase, match_expression

__all__ = [
    "build", "factsheet_files", "FactsheetError", "KnowledgeBaseMissing", "KnowledgeError",
    "Factsheet", "Passage", "parse_text", "read_factsheet", "ConceptHit", "Hit", "KnowledgeBase",
    "match_expression",
]
