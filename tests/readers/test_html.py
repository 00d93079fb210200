"""HTML: the main content's visible text, without navigation, banners, scripts or footers."""

from __future__ import annotations

import pytest

from medkg.errors import ReadError
from medkg.readers.html import read_html

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Sunburn | Health Site</title>
<meta name="author" content="Ann Writer">
<script type="application/ld+json">{"@type": "MedicalWebPage", "lastReviewed": "2024-05-01",
 "reviewedBy": {"@type": "Person", "name": "Dr Rev"}}</script>
<script>var s = "</p><h2>not text</h2>";</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> Menu</nav><div class="cookie-banner">We use cookies <button>OK</button></div>
<main><h1>Sunburn</h1><p>Sunburn is skin damage from <b>ultraviolet</b>\n light.</p>
<h2>Symptoms</h2><p>Symptoms include:</p><ul><li>red skin</li><li>pain<ul><li>nested</li></ul></li></ul>
<p>x &lt;/script&gt; y</p></main><footer>Share this page</footer></body></html>"""


def test_main_content_blocks(tmp_path):
    path = tmp_path / "sunburn.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_html(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert article.title == "Sunburn"
    texts = [(b.kind, b.text) for b in article.blocks]
    assert ("paragraph", "Sunburn is skin damage from ultraviolet light.") in texts
    assert [t for k, t in texts if k == "item"] == ["red skin", "pain", "nested"]
    assert ("paragraph", "x </script> y") in texts
    for chrome in ("Home", "cookies", "not text", "color", "Share"):
        assert chrome not in article.text
    assert article.page.language == "en" and article.page.authors[0].name == "Ann Writer"
    assert article.page.reviewers[0].name == "Dr Rev" and article.page.date_reviewed == "2024-05-01"


def test_page_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>")
    with pytest.raises(ReadError, match=r"empty\.html: holds no article"):
        read_html(path)


def test_huge_page_reads(tmp_path):
    path = tmp_path / "big.html"
    path.write_text("<html><body><main>" + "<p>fever and chills are common</p>" * 20_000 + "</main></body></html>")
    assert len(read_html(path).blocks) == 20_000


def test_xhtml_with_declaration_and_cp1252(tmp_path):
    path = tmp_path / "x.xhtml"
    path.write_bytes(b'<?xml version="1.0" encoding="windows-1252"?><html><body><p>Caf\xe9 au lait spots are '
                     b'flat \x93patches\x94 of skin.</p></body></html>')
    assert read_html(path).text == "Caf\xe9 au lait spots are flat \u201cpatches\u201d of skin."


# An old layout-table page as such sites served it: a menu column, the article in a cell with
# bold pseudo-headings and <br> line breaks, an ad whose fallback markup sits in an <iframe>,
# a sidebar listing other conditions, a HTTrack comment and a copyright footer.
OLD_PAGE = """<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><!-- Mirrored from www.example.org/gout.htm by HTTrack -->
<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />
<title>Gout - Example Health</title></head>
<body><table width="100%"><tr>
<td class="left" width="150"><a href="/a.htm">Acne</a><br/><a href="/b.htm">Bunions</a><br/>
<a href="/c.htm">Croup</a></td>
<td><h1>Gout</h1>
<p><b>What is gout?</b><br/>Gout is a form of arthritis caused by uric acid crystals in a joint. It causes
sudden attacks of pain, often in the big toe, and it can come back again and again over the years if it is
left untreated.</p>
<p><b>Symptoms</b></p><ul><li>Sudden joint pain</li><li>Red, swollen skin over the joint</li></ul>
<p><b>Treatment</b> Anti-inflammatory medicines ease an attack. Caf\xe9 au lait does not, and neither does rest alone
for a long time; your doctor will also talk about the food and drink that raise the level of uric acid in the blood.</p>
<table><tr><th>Medicine</th><th>Use</th></tr><tr><td>Colchicine</td><td>eases an attack</td></tr>
<tr><td>Allopurinol</td><td>lowers uric acid</td></tr></table>
<iframe src="http://ad.doubleclick.net/adi/x"><script src="http://ad.doubleclick.net/adj/x"></script>
<a href="http://ad.doubleclick.net/jump/x">Click here</a></iframe>
<p>Copyright 2009 Example Health. All rights reserved.</p></td>
<td class="sidebar"><h3>Other conditions</h3><ul><li><a href="/d.htm">Diabetes</a></li>
<li><a href="/e.htm">Eczema</a></li><li><a href="/f.htm">Flu</a></li></ul></td></tr></table></body></html>"""


def test_old_layout_table_page(tmp_path):
    path = tmp_path / "gout.html"
    path.write_bytes(OLD_PAGE.encode("latin-1"))
    article = read_html(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    blocks = [(b.kind, b.text) for b in article.blocks]
    headings = [t for k, t in blocks if k == "heading"]
    assert headings[:4] == ["Gout", "What is gout?", "Symptoms", "Treatment"], headings
    assert ("item", "Sudden joint pain") in blocks and ("item", "Red, swollen skin over the joint") in blocks
    assert any(k == "paragraph" and t.startswith("Gout is a form of arthritis caused by uric acid crystals in a joint. "
                                                "It causes sudden attacks of pain") for k, t in blocks)
    assert any(t.startswith("Anti-inflammatory medicines ease an attack. Caf\xe9 au lait") for _, t in blocks)
    assert ("item", "Colchicine — eases an attack") in blocks
    for chrome in ("doubleclick", "Click here", "Mirrored", "Copyright", "Bunions", "Eczema"):
        assert chrome not in article.text


def _nested(depth: int) -> str:
    return ("<html><body><main><p>Gout is a form of arthritis that comes and goes.</p>" + "<div>" * depth +
            "<p>Deep inside, gout causes sudden joint pain in the big toe.</p>" + "</div>" * depth +
            "<p>After the deep part, rest and ice ease the swollen joint.</p></main></body></html>")


def test_deep_nesting_is_read_or_refused(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(_nested(300))
    text = read_html(path).text
    assert "Deep inside" in text and "After the deep part" in text
    path.write_text(_nested(3000))
    with pytest.raises(ReadError, match=r"deep\.html: .*(?:nested|depth)"):
        read_html(path)


def test_text_node_over_10_mb_is_read_whole(tmp_path):
    path = tmp_path / "big.html"
    path.write_text("<html><body><main><p>Gout is a form of arthritis. " + "Gout hurts. " * 900_000 +
                    "</p><p>The tail paragraph says rest and ice ease the swollen joint.</p></main></body></html>")
    assert read_html(path).text.endswith("The tail paragraph says rest and ice ease the swollen joint.")


def test_control_characters_do_not_crash(tmp_path):
    path = tmp_path / "ctl.html"
    path.write_bytes(b"<html><body><main><h1>Gout\x01</h1><p>Gout is a form\x0b of arthritis\x1b that comes and goes."
                     b"\x7f\xc2\x85</p></main></body></html>")
    article = read_html(path)
    assert article.title == "Gout" and "Gout is a form of arthritis that comes and goes." in article.text


@pytest.mark.parametrize("page", [
    "<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, we could not find that page. "
    "Try the search box or go back to the home page.</p></body></html>",
    "<html><body><main><ul><li><a href=/a>Acne</a></li><li><a href=/b>Gout</a></li><li><a href=/c>Flu</a></li>"
    "</ul></main></body></html>",
    "<html><body><p>Gout</p></body></html>",
])
def test_no_article_is_refused(tmp_path, page):
    path = tmp_path / "nothing.html"
    path.write_text(page)
    with pytest.raises(ReadError, match=r"nothing\.html: holds no article"):
        read_html(path)


def test_a_plain_page_keeps_its_headings(tmp_path):
    # no class names for trafilatura's content rules: it falls back to paragraphs alone
    path = tmp_path / "plain.html"
    path.write_text("<html><head><title>Gout</title></head><body><div><h1>Gout</h1><p>Gout is a form of arthritis "
                    "that causes sudden attacks of joint pain in the big toe.</p><h2>Symptoms</h2><p>The main symptom "
                    "is sudden severe pain in a joint, with swelling and red shiny skin.</p></div></body></html>")
    article = read_html(path)
    assert [(b.kind, b.text) for b in article.blocks if b.kind == "heading"] == [("heading", "Gout"),
                                                                               ("heading", "Symptoms")]
    assert [s.heading for s in article.sections] == ["Gout", "Symptoms"]


def test_headings_that_hold_links_or_anchors_stay_headings(tmp_path):
    path = tmp_path / "anchors.html"
    text = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text("<html><body><table><tr><td>" + text + '<h3><a name="symptoms"></a>Symptoms of gout</h3>' + text +
                    '<h3><a href="#treatment">Treatment</a></h3>' + text + "</td></tr></table></body></html>")
    assert [b.text for b in read_html(path).blocks if b.kind == "heading"] == ["Symptoms of gout", "Treatment"]


def test_a_promotion_before_the_title_is_not_the_article(tmp_path):
    path = tmp_path / "promo.html"
    body = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text("<html><body><div id='main-content'><h2>Health Manager</h2><p>Get <b>free personalised</b> "
                    "health guidance for you and your family.</p><h1>Gout</h1>" + body + "<h2>Symptoms</h2>" + body +
                    "</div></body></html>")
    article = read_html(path)
    assert article.blocks[0].text == "Gout" and "Health Manager" not in article.text and "guidance" not in article.text


def test_text_after_a_comment_is_kept(tmp_path):
    # publishing tools leave markers such as <!--more--> inside a paragraph; the rest of it is article text
    path = tmp_path / "comment.html"
    path.write_text("<html><body><article><h1>Gout</h1><p>Gout is a form of arthritis. <!--more-->It causes sudden "
                    "attacks of pain in the big toe.</p><p>Rest and ice <?php echo 1 ?>ease the swollen joint during "
                    "an attack.</p></article></body></html>")
    text = read_html(path).text
    assert "It causes sudden attacks of pain in the big toe." in text and "ease the swollen joint" in text
    assert "more" not in text and "php" not in text


def test_a_list_entry_named_in_bold_is_set_off_from_its_explanation(tmp_path):
    path = tmp_path / "bold.html"
    path.write_text("<html><body><article><h1>Gout</h1><p>Gout is a form of arthritis that comes and goes.</p>"
                    "<h2>Symptoms</h2><p>Symptoms include:</p><ul><li><strong>Joint pain.</strong> Pain in the big "
                    "toe is most common.</li><li><b>Swelling:</b> the joint looks red.</li><li><b>Fever.</b></li>"
                    "<li>Stiffness. It eases with rest.</li></ul></article></body></html>")
    items = [b.text for b in read_html(path).blocks if b.kind == "item"]
    assert items == ["Joint pain — Pain in the big toe is most common.", "Swelling: the joint looks red.", "Fever.",
                     "Stiffness. It eases with rest."]


def test_edit_links_beside_headings_are_not_text(tmp_path):
    path = tmp_path / "wiki.html"
    edit = ('<span class="mw-editsection"><span>[</span><a href="/w/index.php?action=edit&amp;section=1">edit</a>'
            '<span>]</span></span>')
    path.write_text("<html><body><main><h1>Gout</h1><p>Gout is a form of arthritis that comes and goes in attacks.</p>"
                    f"<div class='mw-heading'><h2>Signs and symptoms</h2>{edit}</div><p>Joint pain usually begins "
                    "during the night, and fever may occur.</p></main></body></html>")
    blocks = [(b.kind, b.text) for b in read_html(path).blocks]
    assert blocks[2:] == [("heading", "Signs and symptoms"),
                          ("paragraph", "Joint pain usually begins during the night, and fever may occur.")]


def test_accordion_and_aria_headings_stay_headings(tmp_path):
    path = tmp_path / "accordion.html"
    text = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text(
        f"<html><body><main><h1>Gout</h1>{text}"
        '<div class="acc"><h2><button type="button" aria-expanded="true" aria-controls="a">Symptoms</button></h2>'
        f'<div id="a">{text}</div>'
        '<button type="button" aria-expanded="false" aria-controls="b">Causes</button><div id="b" hidden>'
        f'{text}</div></div><div role="heading" aria-level="2">Diagnosis</div>{text}'
        f'<div class="title h3">Treatment</div>{text}<button type="button">Print this page</button>{text}'
        "</main></body></html>")
    heads = [(b.level, b.text) for b in read_html(path).blocks if b.kind == "heading"]
    # the two disclosures are one accordion's titles, so siblings; "Treatment" is its class's h3
    assert heads == [(1, "Gout"), (2, "Symptoms"), (2, "Causes"), (2, "Diagnosis"), (3, "Treatment")]


def test_hidden_panels_of_accordions_tabs_and_read_more_are_read(tmp_path):
    path = tmp_path / "panels.html"
    text = "Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints."
    path.write_text(
        f"<html><body><main><h1>Gout</h1><p>{text}</p>"
        '<button aria-controls="menu" aria-expanded="false">Menu</button><div id="menu" hidden><ul>'
        '<li><a href="/a">Allergies and asthma</a></li><li><a href="/c">Cancer care and support</a></li></ul></div>'
        '<button aria-controls="nl">Newsletter</button><div id="nl" aria-hidden="true"><p>Get our weekly health '
        'newsletter with tips on living well.</p><form><input type="email"></form></div>'
        '<h2><button aria-expanded="false" aria-controls="p1">Symptoms</button></h2><div id="p1" aria-hidden="true">'
        "<p>Symptoms include:</p><ul><li>intense joint pain</li><li>redness</li></ul></div>"
        '<h2><button aria-expanded="false" aria-controls="p2">Causes</button></h2><div id="p2" class="is-hidden" '
        'style="display:none"><p>Gout occurs when urate crystals build up in a joint.</p>'
        '<div id="more" style="display: none"><p>Uric acid comes from purines in food.</p></div>'
        '<button aria-controls="more" aria-expanded="false">Read more</button></div>'
        '<div role="tablist"><button role="tab">Diet</button></div><div role="tabpanel" hidden><h2>Diet</h2>'
        "<p>Limit red meat, seafood and sugary drinks to lower uric acid.</p></div></main></body></html>")
    blocks = [(b.kind, b.level, b.text) for b in read_html(path).blocks]
    assert blocks[2:] == [("heading", 2, "Symptoms"), ("paragraph", 0, "Symptoms include:"),
                          ("item", 1, "intense joint pain"), ("item", 1, "redness"), ("heading", 2, "Causes"),
                          ("paragraph", 0, "Gout occurs when urate crystals build up in a joint."),
                          ("paragraph", 0, "Uric acid comes from purines in food."), ("heading", 2, "Diet"),
                          ("paragraph", 0, "Limit red meat, seafood and sugary drinks to lower uric acid.")]


def test_details_summaries_are_sibling_headings(tmp_path):
    path = tmp_path / "details.html"
    text = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text(f"<html><body><main><h1>Gout</h1>{text}<details><summary>Symptoms</summary>{text}</details>"
                    f"<details><summary>Causes</summary>{text}</details><h2>Treatment</h2>{text}"
                    f"<details><summary><h3>Medicines</h3></summary>{text}</details>"
                    f"<details><summary><h3>Surgery</h3></summary>{text}</details></main></body></html>")
    heads = [(b.level, b.text) for b in read_html(path).blocks if b.kind == "heading"]
    assert heads == [(1, "Gout"), (2, "Symptoms"), (2, "Causes"), (2, "Treatment"), (3, "Medicines"), (3, "Surgery")]


@pytest.mark.parametrize("wrap", ["<main>{}</main>", "<div>{}</div>"])  # trafilatura's reading, and the fallback's
def test_a_list_typed_as_lines_is_a_list(tmp_path, wrap):
    path = tmp_path / "flat.html"
    body = ("<h1>Gout</h1><p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe.</p>"
            "<h2>Symptoms</h2><p>Symptoms include:<br>• sudden joint pain<br>• swelling<br>- red, shiny skin</p>"
            "<p>1. Rest the joint<br>2) Take ibuprofen</p><p>- </p>")
    path.write_text("<html><body>" + wrap.format(body) + "</body></html>")
    blocks = [(b.kind, b.text) for b in read_html(path).blocks]
    assert blocks[3:] == [("paragraph", "Symptoms include:"), ("item", "sudden joint pain"), ("item", "swelling"),
                          ("item", "red, shiny skin"), ("item", "Rest the joint"), ("item", "Take ibuprofen")]


def test_lists_of_paragraphs_and_of_aria_divs_are_lists(tmp_path):
    path = tmp_path / "lists.html"
    text = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text(f"<html><body><main><h1>Gout</h1>{text}<h2>Symptoms</h2><div role='list'><div role='listitem'>"
                    "joint pain</div><div role='listitem'>swelling</div></div><h2>Treatment</h2><ol><li><p>NSAIDs</p>"
                    "<p>They ease the pain.</p></li><li><p>Colchicine</p></li><li>Rest<p>Keep the joint still.</p>"
                    "</li></ol></main></body></html>")
    blocks = [(b.kind, b.text) for b in read_html(path).blocks]
    assert blocks[3:5] == [("item", "joint pain"), ("item", "swelling")]
    assert blocks[6:] == [("item", "NSAIDs"), ("paragraph", "They ease the pain."), ("item", "Colchicine"),
                          ("item", "Rest"), ("paragraph", "Keep the joint still.")]


def test_definition_lists_pair_terms_and_tables_drop_header_rows(tmp_path):
    path = tmp_path / "dl.html"
    text = "<p>Gout is a form of arthritis that causes sudden attacks of pain in the big toe and other joints.</p>"
    path.write_text(f"<html><body><main><h1>Gout</h1>{text}<h2>Symptoms</h2><dl><dt>Joint pain</dt><dd>Often in the "
                    "big toe.</dd><dt>Redness</dt><dd><p>The joint turns red.</p><p>It feels warm.</p></dd></dl>"
                    "<h2>Treatment</h2><p>Medicines include:</p><table><thead><tr><th>Medicine</th><th>Use</th></tr>"
                    "</thead><tbody><tr><td>Colchicine</td><td>Eases pain</td></tr><tr><td>Allopurinol</td>"
                    "<td>Lowers uric acid</td></tr></tbody></table></main></body></html>")
    blocks = [(b.kind, b.text) for b in read_html(path).blocks]
    assert blocks[3:] == [("item", "Joint pain — Often in the big toe."), ("item", "Redness"),
                          ("item", "The joint turns red."), ("paragraph", "It feels warm."), ("heading", "Treatment"),
                          ("paragraph", "Medicines include:"), ("item", "Colchicine — Eases pain"),
                          ("item", "Allopurinol — Lowers uric acid")]
