"""The factsheet pipeline: clean and parse factsheets, build the knowledge base, and retrieve from it."""
from .build import build, build_from, factsheet_files
from .errors import FactsheetError, KnowledgeBaseMissing, KnowledgeBaseOutdated, KnowledgeError
from .parse import Factsheet, Passage, parse_text, read_factsheet
from .query import Query, analyse
from .retrieval import ConceptRecord, Evidence, Index, PassageRecord, UnitRecord, load_index, warm_up
from .store import KnowledgeBase, match_expression

__all__ = [
    "build", "build_from", "factsheet_files", "FactsheetError", "KnowledgeBaseMissing", "KnowledgeBaseOutdated",
    "KnowledgeError", "Factsheet", "Passage", "parse_text", "read_factsheet", "Query", "analyse", "ConceptRecord",
    "Evidence", "Index", "PassageRecord", "UnitRecord", "load_index", "warm_up", "KnowledgeBase", "match_expression",
]
