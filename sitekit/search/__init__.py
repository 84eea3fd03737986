"""What the site's search adds to the index Material's search plugin writes (step 5 of the build).

Material indexes each page by sections (one entry per heading). The site's search engine
(docs/javascripts/search-engine.js) knows how to read words and rank; everything it knows about
Docker and about this site comes from here, as data in search/search_index.json:

- page_scan.py reads what the search needs from a built page: the commands and flags its prose
  talks about, its description, its sample output blocks;
- site_pages.py knows the pages' addresses and reading order, and scans each built page once;
- spellings.py writes a command line as readers also type it (short flags, combined switches),
  from the CLI reference;
- ranking.py is the ranking policy the build decides: which chapter is a command's or a flag's
  home, how much lower other uses and glossary entries rank;
- entries.py adds the entries and fields: one per catalog command and flag, a troubleshooting
  entry's messages, pages' descriptions, glossary terms, sample output apart from prose;
- untaught.py lists the Docker commands the site does not teach, with their reference pages;
- settings.py reads the synonym table and stop words (assets/search-synonyms.yaml);
- index_file.py puts it all into the index (called by sitekit/hooks/search_index.py).

Anchors come from sitekit/render.py, Docker's flag grammar from sitekit/cli_reference.py; field
weights are the search plugin's `fields:` in mkdocs.yml.
"""
