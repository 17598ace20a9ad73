"""Named errors of the knowledge package."""


class KnowledgeError(Exception):
    """Base class for errors raised by the knowledge package."""


class FactsheetError(KnowledgeError):
    """A factsheet could not be read or has no usable text."""


class KnowledgeBaseMissing(KnowledgeError):
    """The knowledge-base database has not been built yet (run `make kb`)."""


class KnowledgeBaseOutdated(KnowledgeBaseMissing):
    """The knowledge-base database was built by an older version (run `make kb`)."""
