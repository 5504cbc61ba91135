"""The movement on a world map: chapters, member organisations and located papers.

An app above the content apps (label "hub_map"): it reads their pages through each app's small
query functions, and nothing below it imports it.
"""
