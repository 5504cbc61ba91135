"""The rich-text feature lists, in one place: every RichTextField and RichTextBlock takes one of these."""

# Links and emphasis only: short introductions.
INLINE_FEATURES = ["bold", "italic", "link"]
# Plus lists: introductions and summaries.
SIMPLE_FEATURES = [*INLINE_FEATURES, "ol", "ul"]
# Plus subheadings: explanations, a chapter's description.
EXPLANATION_FEATURES = ["h3", *SIMPLE_FEATURES]
# Plus a second heading level: the home page's purpose.
PURPOSE_FEATURES = ["h2", *EXPLANATION_FEATURES]
# Page bodies (the paragraph block, an event's description); imported text uses these tags too.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "blockquote", "code"]
# Plus images: a method's or theme's catalogue entry (imported entries carry their figures).
ENTRY_FEATURES = [*EXPLANATION_FEATURES, "image"]
