"""The domain's closed vocabularies, as StrEnums.

Each value is the string the session file, the templates and the JSON export already hold,
so a member compares equal to its old literal and files do not change. Everything above
the store (core/, the TUI, the server, exports, the CLI) names them through these enums.
"""

from __future__ import annotations

from enum import StrEnum


class PhaseKind(StrEnum):
    """What a phase asks of the room (templates' `kind`)."""

    INFO = "info"
    IDEAS = "ideas"
    VOTE = "vote"
    DIALOGUE = "dialogue"
    ROUND = "round"
    FEEDBACK = "feedback"
    DECIDE = "decide"
    QUESTIONS = "questions"   # phones ask officials anonymous questions and upvote them


class VoteMethod(StrEnum):
    DOTS = "dots"
    APPROVAL = "approval"
    BUDGET = "budget"
    SCALE = "scale"


class Source(StrEnum):
    """Where an idea, a ballot or an insight came from."""

    PHONE = "phone"
    PAPER = "paper"
    FACILITATOR = "facilitator"


class IdeaStatus(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"
    MERGED = "merged"


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    HIDDEN = "hidden"


class Outcome(StrEnum):
    """Where an idea goes next (seed 003, "Näin asiat etenevät" a–f)."""

    BUDGET = "budget"                      # a) the municipal budget
    JOINT_DOING = "joint_doing"            # b) joint doing, shared use of premises
    PROJECT_FUNDING = "project_funding"    # c) projects seeking separate funding
    RESOURCES = "resources"                # d) allocating or adding resources
    SAVINGS = "savings"                    # e) choosing savings
    BIGGER_CHALLENGE = "bigger_challenge"  # f) solving bigger challenges


#: Phase kinds in which phones may send ideas, insights or ballots.
IDEA_KINDS = (PhaseKind.IDEAS,)
INSIGHT_KINDS = (PhaseKind.DIALOGUE, PhaseKind.ROUND)
BALLOT_KINDS = (PhaseKind.VOTE, PhaseKind.FEEDBACK)
QUESTION_KINDS = (PhaseKind.QUESTIONS,)
