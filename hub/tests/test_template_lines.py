"""tools/template_lines.py (make lint) fails on a template line over 160 characters."""

from tools import template_lines


def test_the_project_templates_have_no_line_over_160_characters(capsys):
    assert template_lines.main([]) == 0, capsys.readouterr().out


def test_a_line_over_160_characters_fails_with_its_file_and_line(tmp_path, capsys):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "ok.html").write_text("<p>" + "é" * 153 + "</p>\n")  # 160 characters
    (tmp_path / "app" / "long.html").write_text("{% load i18n %}\n<p>" + "x" * 155 + "</p>\n")
    assert template_lines.main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{tmp_path / 'app' / 'long.html'}:2: 162 characters (at most 160)"]
