"""Subscribing, confirming, changing and deleting, and what a subscriber is sent.

Shared by the views, the tasks, the admin and the `personal_data` command. Why this app sits in
the `search` layer: a subscription names chapters and member organisations (members), themes and
methods (hub.base), and a digest reads papers (resources) and events (events); `search` is the lowest
layer that sees all of them, and this app is its sibling so that nothing personal comes near the
search documents.

Topics travel as text: "all", "papers", "events", "theme:<id>", "method:<id>", "chapter:<page id>",
"member:<page id>" (`parse_topic` / `topic_value`). A page of another app offers its own topic by an
attribute `follow_topic` returning ("method", <Method>) or ("theme", <Theme>) (`topic_for_page`).

`topics`, `links` (signed links and sending), `signup` (subscribe, confirm, delete) and `digests`
(what matches, the digest, event notices); everything is re-exported here.
"""

from .digests import (
    DIGEST_INTERVAL,
    DIGEST_MAX_ITEMS,
    DIGEST_SLACK,
    chapter_followers,
    digests_due,
    item,
    matching_filters,
    new_pages,
    notify_followup,
    notify_new_event,
    record_sent,
    send_digest,
    send_digests,
)
from .links import (
    CONFIRM_SALT,
    MANAGE_SALT,
    InvalidToken,
    link,
    mail_links,
    make_token,
    normalise_email,
    send,
    subscriber_from_token,
)
from .signup import (
    CONFIRM_MAX_AGE,
    UNCONFIRMED_LIFETIME,
    confirm,
    delete_subscriber,
    delete_unconfirmed,
    describe,
    erase,
    export,
    subscribe,
)
from .topics import (
    PLAIN_KINDS,
    RECORD_MODELS,
    InvalidTopic,
    Kind,
    parse_topic,
    subscription_fields,
    topic_for_page,
    topic_value,
)

__all__ = [
    "DIGEST_INTERVAL",
    "DIGEST_MAX_ITEMS",
    "DIGEST_SLACK",
    "chapter_followers",
    "digests_due",
    "item",
    "matching_filters",
    "new_pages",
    "notify_followup",
    "notify_new_event",
    "record_sent",
    "send_digest",
    "send_digests",
    "CONFIRM_SALT",
    "MANAGE_SALT",
    "InvalidToken",
    "link",
    "mail_links",
    "make_token",
    "normalise_email",
    "send",
    "subscriber_from_token",
    "CONFIRM_MAX_AGE",
    "UNCONFIRMED_LIFETIME",
    "confirm",
    "delete_subscriber",
    "delete_unconfirmed",
    "describe",
    "erase",
    "export",
    "subscribe",
    "PLAIN_KINDS",
    "RECORD_MODELS",
    "InvalidTopic",
    "Kind",
    "parse_topic",
    "subscription_fields",
    "topic_for_page",
    "topic_value",
]
