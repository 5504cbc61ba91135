"""StreamField blocks shared by the content apps."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from hub.base.rich_text import RICH_TEXT_FEATURES


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"


class ExternalImageBlock(blocks.StructBlock):
    """An image kept at its source (e.g. imported records); shown as a link, never hot-loaded."""

    url = blocks.URLBlock(label=_("Image address"))
    alt = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "components/blocks/external_image_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    quote = QuoteBlock()
    image = ImageBlock(label=_("Image"), template="components/blocks/image_block.html")
    external_image = ExternalImageBlock()
    table = TableBlock(label=_("Table"), template="components/blocks/table_block.html")
    embed = EmbedBlock(label=_("Embed"), max_width=800, template="components/blocks/embed_block.html")
