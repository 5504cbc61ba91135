"""The movement on a world map: chapters, member organisations and located papers.

Part of the ground floor by place only: content models are imported inside functions
(through each app's small query functions), so hub still imports no content app at load time.
"""
