"""Webinars, seminars, side events and workshops of the movement and its chapters.

`pages` holds the index and the event page, `registrations` the people who register on the hub,
`followup` what an event shares once it is over.
"""

from .followup import EventMaterial, EventRelatedPaper, FollowUpAnnouncement
from .pages import TIME_ZONES, EventIndexPage, EventPage, start_of_today
from .registrations import Registration

__all__ = [
    "TIME_ZONES",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventRelatedPaper",
    "FollowUpAnnouncement",
    "Registration",
    "start_of_today",
]
