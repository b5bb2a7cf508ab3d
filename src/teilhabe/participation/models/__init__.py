"""Bodies and their members (bodies.py), meetings with sessions, registrations, attendance and decisions
(meetings.py), proposals (proposals.py), their prioritisation (prioritisation.py), subscriptions and the news
that digests are made of (subscriptions.py), and the chronicle (chronicle.py)."""

from teilhabe.participation.models.bodies import Body, BodyMember
from teilhabe.participation.models.chronicle import Milestone
from teilhabe.participation.models.meetings import Attendance, Decision, Meeting, MeetingSession, Registration
from teilhabe.participation.models.prioritisation import Ballot, BallotChoice, Prioritisation, Tally
from teilhabe.participation.models.proposals import Proposal, ProposalMeasure
from teilhabe.participation.models.subscriptions import News, Subscription

__all__ = [
    "Attendance", "Ballot", "BallotChoice", "Body", "BodyMember", "Decision", "Meeting", "MeetingSession",
    "Milestone", "News", "Prioritisation", "Proposal", "ProposalMeasure", "Registration", "Subscription", "Tally",
]
