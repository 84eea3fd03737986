"""A clean Markdown copy of a page, for tools and AI assistants, from the page's rendered content.

Made from the HTML the Markdown became, before the theme wraps it: macros are rendered, snippets
included, abbreviations and placeholders resolved to text, and no theme markup is left. The site's
own constructs become plain Markdown first: diagrams their text alternative, content tabs a bold
label above each tab, admonitions a quote with their title, questions a numbered list of choices
with the answer after them. Links become absolute addresses, so a copy read on its own still
points at the site. markdownify (a well-kept HTML-to-Markdown converter) does the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter


class _Converter(MarkdownConverter):
    def escape(self, text, parent_tags):
        # Text such as `ssh <user>@<host>` was escaped in the HTML; unescaped, Markdown would read
        # `<user>` as a tag. (Code is not escaped: markdownify skips this for code and pre.)
        return super().escape(text, parent_tags).replace("<", "\\<")

    def convert_pre(self, el, text, parent_tags):
        # The language is on Pygments' wrapper (`language-bash highlight`), not on <pre>.
        wrapper = el.find_parent("div", class_="highlight")
        classes = wrapper.get("class", []) if wrapper else []
        language = next((c.removeprefix("language-") for c in classes if c.startswith("language-")), "")
        code = el.get_text()
        fence = "````" if "```" in code else "```"
        return f"\n\n{fence}{language}\n{code.rstrip()}\n{fence}\n\n"


def _new(soup: BeautifulSoup, name: str, text: str | None = None, **attrs) -> Tag:
    tag = soup.new_tag(name, attrs=attrs)
    if text is not None:
        tag.string = text
    return tag


def _diagrams(soup: BeautifulSoup) -> None:
    for figure in soup.select("figure.diagram"):
        svg = figure.find("svg")
        title = svg.find("title").get_text(" ", strip=True) if svg and svg.find("title") else ""
        desc = svg.find("desc").get_text(" ", strip=True) if svg and svg.find("desc") else ""
        paragraph = _new(soup, "p")
        paragraph.append(_new(soup, "em", f"Diagram: {title.rstrip('.')}."))
        if desc:
            paragraph.append(f" {desc}")
        for caption in figure.select("figcaption"):
            text = caption.get_text(" ", strip=True)
            if text and text.rstrip(".") != title.rstrip("."):
                paragraph.append(f" {text}")
        figure.replace_with(paragraph)


def _tabs(soup: BeautifulSoup) -> None:
    for tabs in soup.select("div.tabbed-set"):
        labels = [label.get_text(" ", strip=True) for label in tabs.select(":scope > .tabbed-labels > label")]
        blocks = tabs.select(":scope > .tabbed-content > .tabbed-block")
        replacement = _new(soup, "div")
        for label, block in zip(labels, blocks):
            heading = _new(soup, "p")
            heading.append(_new(soup, "strong", f"{label}:"))
            replacement.append(heading)
            replacement.append(block)
        tabs.replace_with(replacement)


def _admonitions(soup: BeautifulSoup) -> None:
    for box in soup.select("div.admonition, details:not(.quiz__answer)"):
        title = box.select_one(":scope > .admonition-title, :scope > summary")
        quote = _new(soup, "blockquote")
        if title is not None:
            heading = _new(soup, "p")
            heading.append(_new(soup, "strong", title.get_text(" ", strip=True)))
            quote.append(heading)
            title.decompose()
        for child in list(box.children):
            quote.append(child)
        box.replace_with(quote)


def _questions(soup: BeautifulSoup) -> None:
    for question in soup.select(".quiz__question"):
        replacement = _new(soup, "div")
        legend = question.select_one("legend")
        number = legend.select_one(".quiz__number")
        heading = _new(soup, "p")
        heading.append(_new(soup, "strong", number.get_text(" ", strip=True)))
        number.decompose()
        if legend.contents and isinstance(legend.contents[0], str):
            legend.contents[0].replace_with(legend.contents[0].lstrip())
        heading.append(" ")
        for child in list(legend.children):
            heading.append(child)
        replacement.append(heading)
        for code in question.select("fieldset > div.highlight"):
            replacement.append(code)
        hint = question.select_one(".quiz__hint")
        if hint is not None:
            replacement.append(hint)
        choices = _new(soup, "ul")
        for choice in question.select(".quiz__choice label"):
            for box in choice.select("input"):
                box.decompose()
            item = _new(soup, "li")
            for child in list(choice.children):
                item.append(child)
            choices.append(item)
        replacement.append(choices)
        answer = question.select_one("details.quiz__answer")
        if answer is not None:
            answer.select_one("summary").decompose()
            for child in list(answer.children):
                replacement.append(child)
        question.replace_with(replacement)


def _absolute_links(soup: BeautifulSoup, page_address: str) -> None:
    for link in soup.select("a[href]"):
        link["href"] = urljoin(page_address, link["href"])


@lru_cache(maxsize=256)
def to_markdown(html: str, page_address: str) -> str:
    """The page's content (MkDocs' page.content) as Markdown; links resolved against page_address.
    A pure function of its arguments, remembered: a `mkdocs serve` rebuild converts only the pages
    whose HTML changed."""
    soup = BeautifulSoup(html, "html.parser")
    for junk in soup.select("a.headerlink, .quiz__actions, .quiz__feedback, .quiz__progress, "
                            ".tabbed-set > input, script, style"):
        junk.decompose()
    _diagrams(soup)
    _tabs(soup)
    _questions(soup)
    _admonitions(soup)
    _absolute_links(soup, page_address)
    text = _Converter(heading_style=ATX, bullets="-", table_infer_header=True).convert_soup(soup)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
