"""Signals of the events app, for apps above it (which events may not import).

`followup_first_published` is sent once per event, whichever translation is published first with
its follow-up (events/followup.py), with `event` (the EventPage just published). The subscriptions
app can connect to it to tell a chapter's subscribers that the recording and materials are online:

    followup_first_published.connect(notify_chapter_subscribers)
"""

from django.dispatch import Signal

followup_first_published = Signal()
