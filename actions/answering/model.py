"""What goes into an answer and what comes out: plain data, no Rasa."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Context:
    """What the conversation was about (from slots), for follow-up questions."""
    topic: Optional[str] = None
    concept_id: Optional[str] = None
    audience: Optional[str] = None
    listed: List[str] = field(default_factory=list)   # unit ids of the last list shown
    unit_id: Optional[str] = None                      # the last answer's main unit
    previous: Optional[str] = None                     # the user's question before this message


@dataclass
class Question:
    text: str
    intent: Optional[str] = None
    confidence: float = 1.0
    entities: Dict[str, str] = field(default_factory=dict)
    context: Context = field(default_factory=Context)
    out_of_scope: float = 0.0      # the NLU's probability that the message is off-topic


@dataclass
class Answer:
    """A grounded answer (with a source) or a refusal (without). Rendered to text in render.py."""
    kind: str                      # unit | list | concepts | decline | out_of_scope
    lines: List[str] = field(default_factory=list)     # the body, one paragraph or list item per line
    buttons: List[dict] = field(default_factory=list)
    source: Optional[str] = None   # 'title – section' when grounded
    confidence: float = 0.0
    reference: Optional[str] = None  # id of the unit the answer rests on
    topic: Optional[str] = None
    concept_id: Optional[str] = None
    audience: Optional[str] = None
    listed: List[str] = field(default_factory=list)
    english: bool = False

    @property
    def grounded(self) -> bool:
        return self.source is not None
