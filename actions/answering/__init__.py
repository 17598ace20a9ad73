"""Answering questions from the knowledge base, in four steps: understand -> retrieve -> compose -> render.

understand.py  what a message asks in this conversation (buttons, follow-ups, audience)
(retrieve)     knowledge.retrieval: one ranked list of evidence for any question
compose.py     the answer built from the evidence: the best unit, its neighbours, a whole list
render.py      the text and buttons a channel sends, with the one `Bron:` line
answerer.py    the four steps in order, and the decision to answer or decline
"""
from .answerer import Answerer
from .model import Answer, Context, Question
from .render import MAX_REPLY_CHARS, Reply, render
from .understand import is_payload

__all__ = ["Answerer", "Answer", "Context", "Question", "MAX_REPLY_CHARS", "Reply", "render", "is_payload"]
