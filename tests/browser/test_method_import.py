"""A method imported from an open methods archive, with an embedded image, as a visitor sees it (issue 26)."""

import base64
import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from .conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

# The demo may not have a methods catalogue yet: one under the English home page, once.
ENSURE_CATALOGUE = """
from hub.base.models import HomePage
from hub.catalogue.models import MethodIndexPage
home = HomePage.objects.filter(locale__language_code="en").first()
if not MethodIndexPage.objects.filter(locale=home.locale).exists():
    home.add_child(instance=MethodIndexPage(title="Methods", slug="methods"))
"""
PAGE_URL = """
from hub.catalogue.models import MethodPage
print(MethodPage.objects.get(source_key="file:browser-photo-walk").url)
"""


def method_file():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (30, 110, 60)).save(buffer, "PNG")
    image = base64.b64encode(buffer.getvalue()).decode()
    return (
        "[[type:methods]]\n\n# Photo walk\n\n"
        f"![A group walking along a river, photographed from behind](data:image/png;base64,{image})\n\n"
        "## Overview\nResidents photograph what matters to them on a walk.\n\n"
        "## How it works\n* Walk.\n* Photograph.\n* Talk about the photographs.\n\n"
        "## License\nFree to use and adapt.\n"
    )


def test_an_imported_method_with_an_image_passes_axe_and_shows_the_image_from_the_hubs_media(
    page, hub_server, tmp_path
):
    path = tmp_path / "browser-photo-walk.md"
    path.write_text(method_file(), encoding="utf-8")
    hub_server.manage("shell", "-c", ENSURE_CATALOGUE)
    hub_server.manage("import_methods", str(path), "--publish")
    url = hub_server.manage("shell", "-c", PAGE_URL).strip().splitlines()[-1]

    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    image = page.get_by_role("img", name="A group walking along a river, photographed from behind")
    expect(image).to_be_visible()
    assert image.get_attribute("src").startswith("/media/images/")
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
    assert "data:" not in page.content()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
