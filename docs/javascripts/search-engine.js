/*
 * The site's search engine: how words are cut out of pages and queries, and how results rank.
 * Runs inside the search worker (search-worker.js) on top of MiniSearch, and in Node for
 * scripts/search_quality/ (the quality set's judge) and tests/search/js/ (its unit tests).
 *
 * Why it is not plain full-text search: readers type commands, flags and error messages.
 * - Words are cut only at spaces and quotes, so `redis-cli`, `--volumes-from`, `5000:5000`,
 *   `.dockerignore` and `compose.yaml` are words; each is indexed whole, by its parts
 *   (`redis`, `cli`), and joined (`rediscli`, `multistage`); a word in capitals (`FROM`) and a
 *   key (`ports:`) are also their own terms, and a path's last part is a file's name
 *   (`/var/run/docker.sock`: `docker.sock`). A file name the site never writes is found by the
 *   parts it knows, leaving out a part that is on most of the site (`docker-compose.yml`: compose,
 *   yaml, as `compose.yaml` is named).
 * - Every query word counts: results that match all of them come first; results that miss some
 *   (a pasted error message names your own container and ID) follow, ranked by how much of the
 *   query they match, rare words weighing more than words that are on every page, IDs little,
 *   and in a pasted message the words most Docker messages share little.
 * - Words next to each other in the query that stand next to each other in a section (a pasted
 *   message, "multi-stage build") make that section rank higher.
 * - Only the word being typed matches as a prefix (`REST API` does not find "restart").
 * - A word that is nowhere on the site is matched with one typo (two in long words), swapped
 *   letters counting as one.
 * - Other words for the same thing come from a small table (assets/search-synonyms.yaml).
 * - Titles, headings and code weigh more than body text, sample output less (the search
 *   plugin's `fields:` in mkdocs.yml); a heading the query names (or a file a section shows,
 *   or a term its definition list defines), and a page whose title it names, rank higher; so
 *   does the page that teaches every word of the query in its own headings and entries.
 * - Reference entries give way to chapters: a glossary term to the section that teaches the
 *   word, unless the query asks what it means, and to the one that explains a query that asks
 *   more than the term; a troubleshooting entry to the section that explains the query, unless
 *   the query holds one of its messages or names its heading.
 * - A query naming a command the site does not teach, or one nothing answers well, gets a
 *   first result that says so and links Docker's own documentation.
 * - The build adds data, never rules (sitekit/search/): other spellings of a title (a command's
 *   aliases and short flags, a flag's short form, the messages a troubleshooting entry
 *   explains), each page's description, what each section defines and shows, its sample output
 *   apart, a lower `boost` for a command's entries other than the one that explains it, and the
 *   commands the site does not teach. Nothing here knows Docker's flags or the site's anchors.
 *
 * Speed: the reader's keystroke to results must take at most 50 ms (scripts/benchmark.py).
 * Cut words are remembered, each index term's matches are kept for the next queries (a reader
 * types one letter at a time, so all but the last word repeat), typos are looked up in a list of
 * the site's words instead of the index, the costly factors of a score are worked out only for
 * sections that can still reach the results, and a result carries an excerpt of its section,
 * with the matched words marked, rather than the whole section.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SiteSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // A word is anything between spaces, quotes and brackets: commands are made of - . : / _ = @.
  var WORD = /[^\s"'`()[\]{}<>,;!?|*\\]+/g;
  // Where a compound word splits into its parts; a dot only between letters (3.14 stays whole).
  var PARTS = /[-:/_=@+$~#&%]+|\.(?!\d)|(?<!\d)\./;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", nbsp: " " };

  // How results rank (explained where each is used). Exported, so scripts/search_engines.js can
  // try other values on the quality set.
  var RANK = {
    title: 4,              // a heading that names what the query asks for
    secondSection: 0.3,    // a page's second matching section adds this share of its score
    teaches: 1,            // a page whose headings and entries name all the query's words gains this much
    stretch: 3,            // a troubleshooting entry holds a query with this many word pairs in a row, or half its pairs (two in a row)
    explains: 0.5,         // ...else it gives way to a chapter section covering this share of the best coverage,
    namesEntry: 0.75,      // ...unless the query names this share of the entry's heading ("container exits immediately")
    order: 0.3,            // the first page in reading order gains this much over the last
    capitalsLower: 0.6,    // `FROM` typed in capitals, found in lower case
    keyAsWord: 0.6,        // `ports:` typed as a key, found as a word
    pairs: 3,              // all neighbouring query words found side by side in a section
    parts: 0.6,            // a compound word matched by its parts
    partsOfKnown: 0.3,     // ...when the site also has the whole word
    allParts: 1,           // a heading's compound named by all its parts (compose.yaml by docker-compose.yml)
    coverage: 4,           // power of the share of the query a section matches
    page: 1,               // a page whose title the query names
    strength: 0.5,         // power of how well a word matched (whole 1, stem 0.8, part 0.3-0.6)
    informative: 1,        // below this sum of word weights, text scores count less
    answered: 0.3,         // below this share of the query in its best result, say nothing answers well
    ids: 0.1,              // weight of a hexadecimal ID's word
    frame: 0.2,            // weight of a word most Docker messages share, in a pasted message
    quoted: 2,             // ...and of what it quotes or names as a flag ("bash", --rm)
    outputOnly: 0.5,       // how well a word matches that a section has only in sample output
    cutoff: 0.4,           // sections that match less than this share of the best one's words are left out
    argument: 0.3,         // weight of a word the reader wrote after a command the site teaches (its own names)
    fileElsewhere: 0.5,  // a file's name in a section of a page other than its home counts this much, not as a heading
    bm25: { k: 1.2, b: 0.7, d: 0.5 }
  };
  var DEFAULT_FIELDS = { title: 6, spellings: 1, files: 1, terms: 1, defines: 1, description: 2, code: 2, text: 1, output: 0.3, page: 1 };
  // Fields that name a section as a heading does: its title, the other ways to write it, the
  // files it shows (a section that shows compose.yaml is that file's section) and the terms its
  // definition lists define.
  var TITLED = { title: true, spellings: true, files: true, terms: true };
  // Fields that say a section is about a word: it names it in a heading, or introduces it.
  var TAUGHT = { title: true, spellings: true, files: true, terms: true, defines: true };
  // Fields where a section explains what it matches; `output` is what commands printed, and
  // `page` its page's title.
  var PROSE = { title: true, spellings: true, files: true, terms: true, defines: true, description: true, code: true, text: true };
  var DEFAULT_STOPWORDS = ("a an and are as at be but by can do does for how i if in into is it its " +
    "me my of on or so that the their then there these this to was what when where which why will " +
    "with you your").split(" ");
  var MAX_HITS = 120;            // sections ranked into groups; Material shows ten groups at first
  var MAX_PER_PAGE = 3;          // sections shown under one page
  var MAX_GROUPS = 10;           // pages in the result list: as many as Material shows at once
  var EXCERPT = 28;              // words of a section's text shown in its result
  var CACHE_SIZE = 500;          // index terms whose matches are kept between queries

  function decode(text) {
    return text.replace(/&(#?\w+);/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : all;
    });
  }

  function plain(html) {
    return decode(String(html || "").replace(/<[^>]*>/g, " "));
  }

  // Code the text talks about: inline code, not code blocks (whose commands and output only use
  // their words).
  function code(html) {
    var found = [];
    String(html || "").replace(/<pre[\s\S]*?<\/pre>/g, " ").replace(/<code[^>]*>([\s\S]*?)<\/code>/g, function (_, inner) {
      found.push(plain(inner));
      return _;
    });
    return found.join(" ");
  }

  // Trim what sits around a word in prose: "(--rm)," -> "--rm"; keeps leading - . / of flags,
  // dotfiles and paths.
  function clean(raw) {
    return raw.toLowerCase().replace(/[.:=]+$/, "").replace(/^[:=]+/, "");
  }

  // A light stemmer for English inflections (plural, -ed, -ing, final e), the same on both
  // sides. Porter's stemmer would also fold "container" into "contain".
  function stem(word) {
    if (word.length <= 3 || /[^a-z]/.test(word)) return word;
    var w = word;
    if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
    else if (/(ss|us|is)$/.test(w)) w = w;
    else if (/(x|ch|sh|ss)es$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w)) w = w.slice(0, -1);
    if (/ing$/.test(w) && w.length > 5) w = w.slice(0, -3);
    else if (/ed$/.test(w) && w.length > 4) w = w.slice(0, -2);
    if (/([^aeiouy])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
    if (/e$/.test(w) && w.length > 3) w = w.slice(0, -1);
    return w.length >= 2 ? w : word;
  }

  // Words a query word may stand for when the site never uses it as typed: "rotation" for
  // "rotate", "immediately" for "immediate". Tried only against the site's own words.
  function derivations(word) {
    if (!/^[a-z]{6,}$/.test(word)) return [];
    var found = [];
    [[/ations?$/, "ate"], [/ions?$/, "e"], [/ions?$/, ""], [/ly$/, ""], [/ally$/, "al"], [/ility$/, "le"],
      [/ments?$/, ""], [/ers?$/, ""], [/ers?$/, "e"]].forEach(function (rule) {
      if (rule[0].test(word)) found.push(stem(word.replace(rule[0], rule[1])));
    });
    return found;
  }

  // A word written in capitals (a Dockerfile instruction, an acronym, a variable) is also its
  // own term: `FROM` is the instruction, "from" a word of every page.
  function capitals(raw) {
    var word = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
    return /^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(word) && /[A-Z].*[A-Z]/.test(word) ? word : null;
  }

  // A word written as a key, `ports:` or `restart:`, is also its own term: in a Compose file or
  // a JSON document it is the key, not the word.
  function key(raw) {
    return /^[A-Za-z_][A-Za-z0-9_.-]*:$/.test(raw) ? raw.toLowerCase() : null;
  }

  function parts(word) {
    return word.split(PARTS).filter(function (p) { return p.length > 0; });
  }

  // Every index term of one word: whole, parts, joined, and the stems of each. Remembered: the
  // same words come back in every page and every query.
  var termsCache = new Map();
  function termsOf(raw) {
    var known = termsCache.get(raw);
    if (known) return known;
    var whole = clean(raw);
    var terms = [];
    if (whole && !/^[-.:/_=@+$~#&%]+$/.test(whole)) {
      var pieces = parts(whole);
      terms = [whole];
      if (pieces.length > 1 || pieces[0] !== whole) {
        terms = terms.concat(pieces);
        if (pieces.length > 1 && pieces.every(function (p) { return /^[a-z]+$/.test(p); })) {
          terms.push(pieces.join(""));
        }
      }
      // A path's last part names a file (`/var/run/docker.sock`: `docker.sock`), as readers
      // write it.
      if (whole.indexOf("/") !== -1) {
        whole.split(/[:=,]+/).forEach(function (chunk) {
          var base = chunk.slice(chunk.lastIndexOf("/") + 1);
          if (base !== whole && /[a-z0-9][-._][a-z0-9]/.test(base)) terms.push(base);
        });
      }
      terms = unique(terms.concat(terms.map(stem)));
      var caps = capitals(raw);
      if (caps) terms.push(caps);
      var yamlKey = key(raw);
      if (yamlKey) terms.push(yamlKey);
    }
    termsCache.set(raw, terms);
    return terms;
  }

  // A word's terms that stand for all of it (whole, stem, joined, capitals) and for its parts.
  function wordTerms(raw) {
    var terms = termsOf(raw);
    var whole = clean(raw), pieces = parts(whole);
    if (pieces.length < 2 && pieces[0] === whole) return { whole: terms, parts: [] };
    var partTerms = unique(pieces.concat(pieces.map(stem)));
    return {
      whole: terms.filter(function (t) { return partTerms.indexOf(t) === -1; }),
      parts: pieces.map(function (p) { return [p, stem(p)]; })
    };
  }

  function unique(list) {
    var seen = new Set();
    return list.filter(function (item) {
      if (seen.has(item)) return false;
      seen.add(item);
      return true;
    });
  }

  function words(text) {
    return String(text).match(WORD) || [];
  }

  // Edit distance with two swapped neighbouring letters counting as one edit, or max + 1 as soon as
  // it must exceed max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var previous2 = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
            a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > max) return max + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /*
   * The index: one MiniSearch document per section of Material's search index (and per
   * command and flag entry the build adds), with the fields title, code, text and page.
   */
  function Engine(MiniSearch, index) {
    var config = index.config || {};
    var fields = {};
    Object.keys(config.fields || {}).forEach(function (name) {
      if (DEFAULT_FIELDS[name] !== undefined) fields[name] = config.fields[name].boost;
    });
    Object.keys(DEFAULT_FIELDS).forEach(function (name) {
      if (fields[name] === undefined) fields[name] = DEFAULT_FIELDS[name];
    });
    this.fields = fields;
    this.stopwords = new Set(config.stopwords || DEFAULT_STOPWORDS);
    this.synonyms = (config.synonyms || []).map(function (group) {
      return group.map(function (phrase) { return words(phrase).map(clean); });
    });
    this.untaught = config.untaught || {};
    // Every spelling of a command the site teaches, after `docker` (`ps`, `container ls`).
    this.taught = new Set(config.taught || []);
    this.frame = new Set(config.frame || []);
    this.elsewhere = config.elsewhere || "";
    // Each file the site shows whole: the page that shows it first (config.files, by the build).
    this.fileHomes = config.files || {};
    this.fileByParts = {};
    Object.keys(this.fileHomes).forEach(function (file) {
      this.fileByParts[parts(file.toLowerCase()).join(" ")] = file;
    }, this);
    this.order = {};
    this.pageCount = (config.pages || []).length;
    (config.pages || []).forEach(function (page, rank) { this.order[page] = rank; }, this);
    this.docs = index.docs || [];
    this.byLocation = {};
    var titles = {};
    this.docs.forEach(function (doc) {
      this.byLocation[doc.location] = doc;
      if (doc.location.indexOf("#") === -1) titles[doc.location] = plain(doc.title);
    }, this);
    var vocabulary = this.vocabulary = new Set();
    this.mini = new MiniSearch({
      fields: Object.keys(fields),
      storeFields: [],
      tokenize: words,
      processTerm: function (term) {
        var terms = termsOf(term);
        for (var i = 0; i < terms.length; i++) vocabulary.add(terms[i]);
        return terms.length ? terms : null;
      },
      searchOptions: { tokenize: function (s) { return [s]; }, processTerm: function (t) { return t; } }
    });
    var records = this.docs.map(function (doc, id) {
      var page = doc.location.split("#")[0];
      return {
        id: id,
        title: plain(doc.title),
        // Other ways to write a command or flag entry's title: aliases, short flags.
        spellings: (doc.spellings || []).join(" ; "),
        // The terms the section introduces (in bold, or as a definition list's terms).
        defines: (doc.defines || []).join(" ; "),
        files: (doc.files || []).join(" ; "),
        terms: (doc.terms || []).join(" ; "),
        description: doc.description || "",
        code: code(doc.text),
        text: plain(doc.text),
        output: plain(doc.output),
        page: doc.location.indexOf("#") === -1 ? "" : titles[page] || ""
      };
    });
    this.mini.addAll(records);
    this.records = records;
    this.split = [];
    this.ids = new Map(this.docs.map(function (doc, id) { return [doc, id]; }));
    var stopwords = this.stopwords, self = this;
    // The words of the title and of its other spellings, and the section's words in order, for
    // the title and side-by-side bonuses.
    function titleWords(title) {
      return words(title).filter(function (w) { return clean(w) && !stopwords.has(clean(w)); }).map(wordTerms);
    }
    this.titleWords = records.map(function (r, id) {
      var doc = self.docs[id];
      return [r.title].concat(doc.spellings || [], doc.files || []).map(titleWords);
    });
    this.termWords = records.map(function (r, id) { return (self.docs[id].terms || []).map(titleWords); });
    this.pageTitleWords = {};
    Object.keys(titles).forEach(function (page) {
      this.pageTitleWords[page] = [titleWords(titles[page])];
    }, this);
    this.sequences = [];
    this.count = records.length;
    // Work for the first query done now, while the reader is still typing it.
    this.sortedVocabulary();
    this.nearWords("", 0);
    this.cache = new Map();
  }

  // The share of a title's words that the query matched, by the best of the title's spellings.
  // A word matched only by some of its parts counts half as much as its parts matched: `FROM`
  // names little of "--volumes-from".
  Engine.prototype.focus = function (titles, matched) {
    var best = 0;
    titles.forEach(function (title) {
      if (!title.length) return;
      var hit = 0;
      title.forEach(function (word) {
        if (word.whole.some(function (t) { return matched.has(t); })) hit += 1;
        else if (word.parts.length) {
          // Every part of a compound matched names it as well (compose.yaml by docker-compose.yml;
          // not --volume by volume).
          var share = word.parts.filter(function (terms) {
            return terms.some(function (t) { return matched.has(t); });
          }).length / word.parts.length;
          hit += share === 1 && word.parts.length > 1 ? RANK.allParts : 0.5 * share;
        }
      });
      best = Math.max(best, hit / title.length);
    });
    return best;
  };

  // Chapters build on each other: where two pages answer alike, the earlier one introduces the
  // topic. config.pages lists the pages in reading order (sitekit/search_index.py).
  Engine.prototype.pagePrior = function (location) {
    var rank = this.order[location.split("#")[0]];
    if (rank === undefined) return 1;
    return 1 + RANK.order * (1 - rank / Math.max(1, this.pageCount - 1));
  };

  /*
   * A query is a list of clauses, one per word (or per phrase of the synonym table). Each clause
   * has alternatives (the word whole, its parts, joined, a synonym), each a set of index terms
   * that must all match.
   */
  Engine.prototype.parse = function (query) {
    var raw = words(query);
    var typing = !/\s$/.test(query); // the last word is still being typed
    var lowered = raw.map(clean);
    var stopwords = this.stopwords;
    var keepStopwords = !lowered.some(function (w) { return w && !stopwords.has(w); });
    var clauses = [];
    for (var i = 0; i < raw.length; i++) {
      var word = lowered[i];
      if (!word || (!keepStopwords && stopwords.has(word))) continue;
      var last = typing && i === raw.length - 1;
      var phrase = this.synonymAt(lowered, i);
      if (phrase) {
        clauses.push(this.phraseClause(phrase, last && phrase.end === raw.length, lowered.slice(i, phrase.end)));
        i = phrase.end - 1;
        continue;
      }
      // A word the query repeats ("failed to solve: failed to compute") counts once.
      if (!last && clauses.some(function (c) { return c.label === word; })) continue;
      clauses.push(this.wordClause(raw[i], last));
    }
    // Typos are looked for while a reader types a few words, not in a pasted message.
    if (clauses.length > 3) clauses.forEach(function noFuzzy(c) {
      c.alternatives.forEach(function (alt) {
        (alt.terms || []).forEach(function (leaf) { leaf.fuzzy = 0; });
        (alt.all || []).forEach(noFuzzy);
      });
    });
    return { clauses: clauses, words: lowered.filter(Boolean) };
  };

  Engine.prototype.synonymAt = function (lowered, start) {
    var best = null;
    this.synonyms.forEach(function (group) {
      group.forEach(function (phrase) {
        var n = phrase.length;
        if (!n || start + n > lowered.length) return;
        for (var k = 0; k < n; k++) {
          if (stem(lowered[start + k]) !== stem(phrase[k])) return;
        }
        if (!best || n > best.end - start) best = { group: group, phrase: phrase, end: start + n };
      });
    });
    return best;
  };

  Engine.prototype.phraseClause = function (found, typing, typed) {
    var self = this;
    var alternatives = [];
    found.group.forEach(function (phrase) {
      var own = phrase === found.phrase;
      // A phrase is all of its words; each word by its own alternatives.
      var clause = phrase.map(function (w, k) {
        return self.wordClause(w, typing && own && k === phrase.length - 1);
      });
      alternatives.push({ all: clause, weight: own ? 1 : 0.7 });
    });
    // Labelled as typed ("mean"), which is what Material shows as found or missing.
    return { label: typed.join(" "), alternatives: alternatives, phrase: true };
  };

  // A word of the synonym table that the site uses, for a part it does not (yml: yaml).
  // `other`: a word other than the part itself (yaml for the yml of a file the site also names).
  Engine.prototype.synonymOf = function (part, other) {
    var found = null, self = this;
    this.synonyms.forEach(function (group) {
      if (found || !group.some(function (p) { return p.length === 1 && stem(p[0]) === stem(part); })) return;
      group.forEach(function (p) {
        if (!found && p.length === 1 && self.known(p[0]) && !(other && stem(p[0]) === stem(part))) found = p[0];
      });
    });
    return found;
  };

  // Whether a word is in most of the site's sections.
  Engine.prototype.everywhere = function (term) {
    return this.known(term) && this.leafScores({ term: term, prefix: false, fuzzy: 0, prefixWeight: 0.2 }).size > this.count / 2;
  };

  Engine.prototype.known = function (term) {
    return this.vocabulary.has(term) || this.vocabulary.has(stem(term));
  };

  Engine.prototype.wordClause = function (raw, typing) {
    var whole = clean(raw);
    var pieces = parts(whole);
    var alternatives = [];
    var self = this;
    function leaf(term, prefix) {
      var known = self.known(term);
      // One or two letters as a prefix match half the site: only from three letters on.
      prefix = prefix && term.length >= 3;
      var started = known || (prefix && self.startsAny(term));
      var fuzzy = 0;
      if (!started && /^[a-z]{5,}$/.test(term)) fuzzy = term.length >= 7 ? 2 : 1;
      // A finished word still matches longer ones (the reader may go on typing), but weakly.
      return { term: term, prefix: prefix, fuzzy: fuzzy, prefixWeight: known ? 0.2 : 0.6 };
    }
    var caps = capitals(raw);
    if (caps) alternatives.push({ terms: [leaf(caps, typing)], weight: 1 });
    // A key (`ports:`) where the site writes it as one; the word itself matches less.
    var yamlKey = key(raw);
    var asKey = yamlKey && this.vocabulary.has(yamlKey);
    if (asKey) alternatives.push({ terms: [leaf(yamlKey, false)], weight: 1 });
    alternatives.push({ terms: [leaf(whole, typing)], weight: caps ? RANK.capitalsLower : asKey ? RANK.keyAsWord : 1 });
    if (stem(whole) !== whole) alternatives.push({ terms: [leaf(stem(whole), false)], weight: 0.8 });
    if (!this.known(whole) && !(typing && this.startsAny(whole))) {
      derivations(whole).forEach(function (d) {
        if (self.vocabulary.has(d)) alternatives.push({ terms: [leaf(d, false)], weight: 0.8 });
      });
    }
    if (pieces.length > 1 || (pieces.length === 1 && pieces[0] !== whole)) {
      var useful = pieces.filter(function (p, k) {
        return p.length > 1 || /\d/.test(p) || (typing && k === pieces.length - 1);
      });
      // In a word the site never writes, a part that is on most of the site (the `docker` of
      // docker-compose.yml) names nothing: the other parts find the word, in a heading too.
      var telling = this.known(whole) ? useful : useful.filter(function (p, k) {
        return !(typing && k === useful.length - 1) && !self.everywhere(p);
      });
      if (telling.length && telling.length < useful.length) useful = useful.filter(function (p, k) {
        return (typing && k === useful.length - 1) || !self.everywhere(p);
      });
      // A file name the site never writes (docker-compose.yml, Dockerfile.prod) is found by the
      // parts it knows: a part the site has no word for is read as its synonym (yml: yaml), or
      // left out, and the match counts as much as the parts it kept.
      var kept = useful.map(function (p, k) {
        if (self.known(p) || (typing && k === useful.length - 1 && self.startsAny(p))) return p;
        return self.synonymOf(p);
      });
      var known = kept.filter(Boolean);
      if (known.length && (known.length > 1 || pieces.length === 1 || this.known(whole) || known.length < useful.length)) {
        var share = known.length / useful.length;
        // Parts say less than the word, and much less when the site has the whole word.
        var partsWeight = (this.known(whole) ? RANK.partsOfKnown : RANK.parts) * share;
        alternatives.push({
          terms: kept.map(function (p, k) { return p && leaf(p, typing && k === useful.length - 1); }).filter(Boolean),
          weight: partsWeight
        });
        // A part the site writes rarely, in other files, may have a synonym the site writes for
        // this one: the yml of docker-compose.yml is the yaml of compose.yaml, though a workflow
        // file is image.yml. The file name is found by either.
        if (!this.known(whole)) {
          var swapped = kept.map(function (p) { return p && self.synonymOf(p, true) || p; });
          if (swapped.some(function (p, k) { return p !== kept[k]; })) alternatives.push({
            terms: swapped.map(function (p, k) { return p && leaf(p, typing && k === useful.length - 1); }).filter(Boolean),
            weight: partsWeight
          });
        }
      }
      if (pieces.length > 1 && pieces.every(function (p) { return /^[a-z]+$/.test(p); })) {
        alternatives.push({ terms: [leaf(pieces.join(""), typing)], weight: 0.8 });
      }
    }
    return { label: whole, alternatives: alternatives };
  };

  Engine.prototype.sortedVocabulary = function () {
    if (!this.sorted) this.sorted = Array.from(this.vocabulary).sort();
    return this.sorted;
  };

  Engine.prototype.startsAny = function (start) {
    var list = this.sortedVocabulary(), low = 0, high = list.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (list[mid] < start) low = mid + 1; else high = mid;
    }
    return low < list.length && list[low].lastIndexOf(start, 0) === 0;
  };

  // The site's words within `max` edits of a word, nearest first: a plain scan of the words of
  // similar length, which takes well under a millisecond.
  Engine.prototype.nearWords = function (term, max) {
    if (!this.byLength) {
      var byLength = this.byLength = [];
      this.sortedVocabulary().forEach(function (w) {
        if (/^[a-z]{3,}$/.test(w)) (byLength[w.length] = byLength[w.length] || []).push(w);
      });
    }
    var found = [];
    for (var n = term.length - max; n <= term.length + max; n++) {
      (this.byLength[n] || []).forEach(function (w) {
        var d = distance(term, w, max);
        if (d <= max) found.push([d, w]);
      });
    }
    return found.sort(function (a, b) { return a[0] - b[0]; }).slice(0, 8);
  };

  // Matches of one index term (exact, as a prefix or with typos) in every document: a Map of
  // document id to { score, terms, title }. Kept for the next queries.
  Engine.prototype.leafScores = function (leaf) {
    var key = leaf.term + "|" + leaf.prefix + "|" + leaf.fuzzy + "|" + leaf.prefixWeight;
    var cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    var scores = new Map();
    scores.named = new Set(); // every term this leaf named, in any document
    scores.terms = new Set(); // every term it matched (a prefix matches longer words too)
    var self = this;
    var known = this.known(leaf.term);
    var lookups = [[leaf.term, 1]];
    if (leaf.fuzzy) {
      this.nearWords(leaf.term, leaf.fuzzy).forEach(function (near) {
        if (near[0] > 0) lookups.push([near[1], near[0] === 1 ? 0.5 : 0.3]);
      });
    }
    lookups.forEach(function (lookup, k) {
      var results = self.mini.search(lookup[0], {
        boost: self.fields,
        prefix: k === 0 && leaf.prefix,
        weights: { prefix: leaf.prefixWeight, fuzzy: 0 },
        bm25: RANK.bm25
      });
      for (var i = 0; i < results.length; i++) {
        var r = results[i];
        var score = r.score * lookup[1];
        var current = scores.get(r.id);
        if (current && current.score >= score) continue;
        var inTitle = false, inNamed = false, inHeading = false, inProse = false, taught = false;
        for (var t in r.match) {
          for (var f = 0; f < r.match[t].length; f++) {
            if (TITLED[r.match[t][f]]) inTitle = true;
            if (TITLED[r.match[t][f]] && r.match[t][f] !== "terms") inNamed = true;
            if (r.match[t][f] === "title") inHeading = true;
            if (PROSE[r.match[t][f]]) inProse = true;
            // A longer word a finished one matched as a prefix teaches nothing of it (`PAT`:
            // "Pattern syntax").
            if (TAUGHT[r.match[t][f]] && !(leaf.prefix && known && t !== lookup[0])) taught = true;
          }
        }
        // A finished word that also matched longer words as a prefix (`docker`: "Dockerfile")
        // names only itself in a heading.
        var named = leaf.prefix && known ? r.terms.filter(function (t) { return t === lookup[0]; }) : r.terms;
        // A word a section has only in what a command printed matches it weakly: the section
        // shows the word, it does not explain it (IPAM in a network's JSON, 3.8MB in a list).
        scores.set(r.id, { score: score, found: [{ terms: r.terms, named: named }], title: inTitle ? 1 : 0,
          named: inNamed ? 1 : 0, heading: inHeading ? 1 : 0, strength: lookup[1] * (inProse ? 1 : RANK.outputOnly), prose: inProse,
          taught: taught });
        named.forEach(function (t) { scores.named.add(t); });
        r.terms.forEach(function (t) { scores.terms.add(t); });
      }
    });
    this.cache.set(key, scores);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value);
    return scores;
  };

  // Scores of one clause: the best alternative a document satisfies whole.
  Engine.prototype.clauseScores = function (clause) {
    var self = this;
    var best = new Map();
    clause.alternatives.forEach(function (alt) {
      var members = alt.all
        ? alt.all.map(function (sub) { return self.clauseScores(sub); })
        : alt.terms.map(function (leaf) { return self.leafScores(leaf); });
      // Start from the smallest: every member must match.
      members.sort(function (a, b) { return a.size - b.size; });
      members[0].forEach(function (v, id) {
        var score = v.score, title = v.title, named = v.named, heading = v.heading, strength = v.strength,
          found = v.found, prose = v.prose, taught = v.taught;
        for (var m = 1; m < members.length; m++) {
          var other = members[m].get(id);
          if (!other) return;
          score += other.score;
          found = m === 1 ? found.concat(other.found) : (found.push.apply(found, other.found), found);
          title = Math.min(title, other.title);
          heading = Math.min(heading, other.heading);
          named = Math.min(named, other.named);
          strength = Math.min(strength, other.strength);
          prose = prose && other.prose;
          taught = taught && other.taught;
        }
        // A heading matched by a weaker form of the word (a part, a synonym) counts as much less.
        score *= alt.weight;
        title *= alt.weight;
        heading *= alt.weight;
        named *= alt.weight;
        strength *= alt.weight;
        var current = best.get(id);
        if (!current) {
          best.set(id, { score: score, found: found, title: title, named: named, heading: heading, strength: strength,
            prose: prose, taught: taught, own: false });
        }
        else {
          // The matches found are shared with the cache: copied once before adding to them.
          if (!current.own) { current.found = current.found.slice(); current.own = true; }
          current.found.push.apply(current.found, found);
          if (score > current.score) current.score = score;
          current.title = Math.max(current.title, title);
          current.heading = Math.max(current.heading, heading);
          current.named = Math.max(current.named, named);
          current.strength = Math.max(current.strength, strength);
          current.prose = current.prose || prose;
          current.taught = current.taught || taught;
        }
      });
    });
    return best;
  };

  // The clauses of what a reader wrote after a command the site teaches (`docker volume create
  // pgdata`, `docker compose stop db`): names and values of their own, like an ID in a message,
  // not what they ask about; the command and its flags are. The chapter that teaches the command
  // then ranks above one that happens to use the same name. config.taught lists the spellings.
  Engine.prototype.argumentsOf = function (query, clauses) {
    var found = new Set();
    var typed = words(query).map(clean).filter(Boolean);
    if (typed[0] !== "docker" || !this.taught.size) return found;
    var length = 0;
    for (var n = Math.min(4, typed.length - 1); n >= 1 && !length; n--) {
      if (this.taught.has(typed.slice(1, n + 1).join(" "))) length = n + 1;
    }
    if (!length || length === typed.length) return found;
    var own = new Set(typed.slice(length).filter(function (w) { return !/^-/.test(w) && w.indexOf("=") === -1; }));
    typed.slice(0, length).forEach(function (w) { own.delete(w); });
    clauses.forEach(function (clause, c) { if (own.has(clause.label)) found.add(c); });
    return found;
  };

  // The file a query word names, when the site shows that file whole (config.files): the word
  // itself (`compose.yaml`), or the parts of a name the site never writes that make up the
  // file's name (`docker-compose.yml`: compose, yaml).
  Engine.prototype.fileOf = function (clause) {
    if (clause.phrase) return null;
    if (Object.prototype.hasOwnProperty.call(this.fileHomes, clause.label)) return clause.label;
    for (var a = 0; a < clause.alternatives.length; a++) {
      var terms = clause.alternatives[a].terms;
      if (!terms || terms.length < 2) continue;
      var file = this.fileByParts[terms.map(function (leaf) { return leaf.term; }).join(" ")];
      if (file) return file;
    }
    return null;
  };

  // A file's page is the one that shows it first, whole: compose.yaml is the Compose chapter's
  // subject, and a later chapter's heading "The same in compose.yaml" only mentions it. For a
  // word that names the file, sections of other pages count less and not as its heading; the
  // words of the query the file is not keep their weight there ("compose.yaml postgres").
  Engine.prototype.homeOfFile = function (clause, scores) {
    var file = this.fileOf(clause);
    if (!file) return scores;
    var home = this.fileHomes[file];
    var kept = new Map();
    scores.forEach(function (v, id) {
      if (this.docs[id].location.split("#")[0] === home) { kept.set(id, v); return; }
      kept.set(id, Object.assign({}, v, { score: v.score * RANK.fileElsewhere, title: 0, named: 0, heading: 0, taught: false }));
    }, this);
    return kept;
  };

  // The share of the query's neighbouring word pairs that stand side by side in a section.
  // Half by how many pairs are found, half by the longest run of them: a pasted message that a
  // section holds word for word beats one that shares its wording here and there.
  Engine.prototype.pairs = function (id, pairs) {
    if (!pairs.length) return 0;
    var found = this.sideBySide(id, pairs);
    return (found[0] + found[1]) / (2 * pairs.length);
  };

  // How many of the query's neighbouring word pairs a section holds side by side, and the
  // longest run of them.
  Engine.prototype.sideBySide = function (id, pairs) {
    var text = this.sequences[id];
    if (text === undefined) {
      var r = this.records[id];
      text = this.sequences[id] = " " + words(r.title + " . " + r.text).map(clean).join(" ") + " ";
    }
    var hit = 0, run = 0, longest = 0;
    for (var i = 0; i < pairs.length; i++) {
      if (text.indexOf(pairs[i]) !== -1) {
        hit++;
        run++;
        if (run > longest) longest = run;
      } else run = 0;
    }
    return [hit, longest];
  };

  /*
   * Rank: a document's score is the sum of its clause scores, times how much of the query it
   * covers (each clause weighted by how rare it is on the site) to a high power, so documents
   * that match every word come first and a pasted message still finds its page.
   */
  Engine.prototype.search = function (query) {
    var parsed = this.parse(query);
    var clauses = parsed.clauses;
    if (!clauses.length) return { hits: [], terms: new Set(), answered: 1, teaches: new Map(), weights: [], total: 0, clauses: 0 };
    var self = this;
    var perClause = clauses.map(function (c) { return self.homeOfFile(c, self.clauseScores(c)); });
    var pasted = clauses.length > 3;
    var n = this.count;
    var quoted = new Set();
    query.replace(/["'`]([^"'`\s]+)["'`]/g, function (_, w) { quoted.add(clean(w)); return _; });
    var arguments_ = this.argumentsOf(query, clauses);
    var weights = perClause.map(function (m, c) {
      var df = m.size;
      // An ID or a digest names your own container or image, not a topic.
      var id = /^(?=.*\d)(?=.*[a-f])[0-9a-f]{10,}$/.test(clauses[c].label) ? RANK.ids : 1;
      // In a pasted message, the words most of Docker's messages share (Error response from
      // daemon: config.frame, from the troubleshooting entries) tell no message apart.
      var frame = pasted && self.frame.has(clauses[c].label) ? RANK.frame : 1;
      // ...and what it quotes or names as code (a flag, "bash") is what it is about.
      var named = pasted && (/^--?[a-z]/.test(clauses[c].label) || quoted.has(clauses[c].label)) ? RANK.quoted : 1;
      var own = arguments_.has(c) ? RANK.argument : 1;
      return id * frame * named * own * Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    // A word that is nowhere on the site (your container's ID) tells no section apart; one that
    // is only in sample output counts as much as it can match.
    var reach = perClause.map(function (m) {
      var best = 0;
      m.forEach(function (v) { if (v.strength > best) best = v.strength; });
      return Math.pow(best, RANK.strength);
    });
    var total = weights.reduce(function (a, b, c) { return a + b * reach[c]; }, 0);
    // What the query asks that the site has no word for at all ("podman", "terraform"): a plain
    // word, not a name, path, number or ID of the reader's own. It decides no ranking, only
    // whether anything answers the query well (Engine.prototype.notice).
    var full = weights.reduce(function (a, b, c) { return a + (perClause[c].size ? b : 0); }, 0);
    // In a pasted message, such words are its own details (a path, a tool's name).
    var unknown = pasted ? 0 : clauses.reduce(function (a, clause, c) {
      return a + (!perClause[c].size && /^[a-z]{3,}$/.test(clause.label) ? Math.log(1 + (n + 0.5) / 0.5) : 0);
    }, 0);
    // The reader's own names (a word nowhere on the site) are never side by side with anything.
    var nowhere = new Set();
    clauses.forEach(function (clause, c) { if (!perClause[c].size) nowhere.add(clause.label); });
    var pairs = [];
    for (var p = 1; p < parsed.words.length; p++) {
      var left = parsed.words[p - 1], right = parsed.words[p];
      if (nowhere.has(left) || nowhere.has(right)) continue;
      // Two words of the messages' frame side by side ("response from daemon") are no sign.
      if (pasted && (self.frame.has(left) || self.stopwords.has(left)) && (self.frame.has(right) || self.stopwords.has(right))) continue;
      pairs.push(" " + left + " " + right + " ");
    }
    var docs = new Map();
    perClause.forEach(function (m, c) {
      m.forEach(function (v, id) {
        var d = docs.get(id);
        if (!d) docs.set(id, d = { id: id, score: 0, covered: 0, titled: 0, termed: 0, found: [], clauses: [], prose: 0, taught: 0 });
        d.score += v.score;
        if (v.prose) d.prose++;
        if (v.taught) d.taught++;
        // A word found only in a weaker form (a part, a synonym, a typo) covers less of the query.
        d.covered += weights[c] * Math.pow(v.strength, RANK.strength);
        // A pasted message names a section by its heading; the messages a troubleshooting
        // entry answers to (its spellings) share too many words with every other message to
        // name it: there, holding the message word for word decides (Engine.prototype.pairs).
        // A definition list's term heads its definition as a heading does, but for a query of
        // words on every page ("container") only real headings decide.
        d.titled += weights[c] * (pasted ? v.heading : v.named);
        if (!pasted) d.termed += weights[c] * (v.title - v.named);
        if (v.title > 0) (d.named_clauses = d.named_clauses || []).push(c);
        d.found.push(v.found);
        d.clauses.push(c);
      });
    });
    // Words on every page (`docker`) say little: the less the query says, the more headings and
    // reading order decide, and the less how often a section repeats the words.
    var informative = Math.min(1, total / RANK.informative);
    var top = 0;
    docs.forEach(function (d) {
      d.coverage = total > 0 ? d.covered / total : 1;
      if (d.coverage > top) top = d.coverage;
    });
    // The index terms a document matched that name a word of the query (for title focus).
    function named(d) {
      if (!d.named) {
        d.named = new Set();
        d.found.forEach(function (list) {
          list.forEach(function (f) { f.named.forEach(function (t) { d.named.add(t); }); });
        });
      }
      return d.named;
    }
    // Every term the query named anywhere: a page's title words are named for all its sections.
    var queryNamed = new Set(), queryTerms = new Set();
    (function collect(list) {
      list.forEach(function (clause) {
        clause.alternatives.forEach(function (alt) {
          if (alt.all) collect(alt.all);
          else {
            alt.terms.forEach(function (leaf) {
              var scores = self.leafScores(leaf);
              scores.named.forEach(function (t) { queryNamed.add(t); });
              scores.terms.forEach(function (t) { queryTerms.add(t); });
            });
          }
        });
      });
    })(clauses);
    // Which of the query's words each page names in a heading or an entry of its own (for
    // Engine.prototype.results), over every section, also those too weak to be listed.
    var teaches = new Map();
    docs.forEach(function (d) {
      var doc = self.docs[d.id];
      if ((doc.boost || 1) < 1 || doc.entry === "term" || doc.entry === "message" || !d.named_clauses) return;
      var page = doc.location.split("#")[0];
      if (!teaches.has(page)) teaches.set(page, new Set());
      d.named_clauses.forEach(function (c) { teaches.get(page).add(c); });
    });
    var pageFocus = new Map();
    var ranked = [];
    // Work out the costly factors (heading focus, page focus) only for sections that can still
    // reach the results shown: in the order of an upper bound of their score, until the bound is
    // below the MAX_HITS-th score found.
    var bounded = [];
    var most = (1 + RANK.page) * (1 + RANK.order) * (1 + RANK.pairs);
    docs.forEach(function (d) {
      if (d.coverage < top * RANK.cutoff) return;
      d.titledShare = total > 0 ? (d.titled + informative * d.termed) / total : 0;
      d.base = d.score;
      d.partial = Math.pow(d.score, informative) * Math.pow(d.coverage, RANK.coverage) * (self.docs[d.id].boost || 1);
      d.bound = d.partial * (1 + RANK.title * d.titledShare) * most;
      bounded.push(d);
    });
    bounded.sort(function (a, b) { return b.bound - a.bound; });
    var kept = []; // the MAX_HITS best scores so far, highest first
    for (var b = 0; b < bounded.length; b++) {
      var d = bounded[b];
      if (kept.length >= MAX_HITS && d.bound < kept[kept.length - 1]) break;
      var doc = self.docs[d.id];
      // A heading that names what the reader asks for is the best sign of the right section,
      // and more so when the heading is about nothing else: `docker login` is the title of the
      // command's own entry, and "Docker, explained" the title of the home page.
      var titled = d.titledShare;
      var focus = titled > 0 ? Math.max(self.focus(self.titleWords[d.id], named(d)),
        informative * self.focus(self.termWords[d.id], named(d))) : 0;
      // A page whose title the query names is about it, in all its sections; as much as the
      // title is the query (one word of a pasted message in a page's title says nothing). The
      // page's own entry, titled with it, shows which of its words the query names.
      var page = doc.location.split("#")[0];
      if (!pageFocus.has(page)) {
        var title = self.pageTitleWords[page];
        var share = title ? self.focus(title, queryNamed) : 0;
        pageFocus.set(page, share * Math.min(1, share * (title ? title[0].length : 0) / clauses.length));
      }
      var boost = doc.boost || 1;
      d.named_share = titled * focus;
      d.score = d.partial * (1 + RANK.title * titled * focus) * (1 + RANK.page * pageFocus.get(page)) *
        self.pagePrior(doc.location);
      if (self.explain) d.explain = { base: d.base, coverage: d.coverage, titled: titled, focus: focus,
        pageFocus: pageFocus.get(page), boost: boost, prior: self.pagePrior(doc.location) };
      ranked.push(d);
      // Its score can only grow from here (side by side, below), so it is a floor.
      var at = kept.length;
      while (at > 0 && kept[at - 1] < d.score) at--;
      if (at < MAX_HITS) {
        kept.splice(at, 0, d.score);
        if (kept.length > MAX_HITS) kept.pop();
      }
    }
    ranked.sort(function (a, b) { return b.score - a.score; });
    // Words side by side, last: only for sections that can still reach the results shown.
    if (pairs.length) {
      var floor = 0;
      for (var k = 0; k < ranked.length; k++) {
        var d = ranked[k];
        if (k >= MAX_HITS && d.score * (1 + RANK.pairs) < floor) break;
        var side = this.pairs(d.id, pairs);
        d.score *= 1 + RANK.pairs * side;
        if (d.explain) d.explain.pairs = side;
        if (k < MAX_HITS) floor = k === 0 ? d.score : Math.min(floor, d.score);
      }
      ranked.sort(function (a, b) { return b.score - a.score; });
    }
    this.referencesLast(ranked, clauses.length, pageFocus, pairs, top);
    return {
      hits: ranked.map(function (d) {
        return { doc: self.docs[d.id], score: d.score, coverage: d.coverage, found: d, clauses: clauses,
          explain: d.explain };
      }),
      weights: weights.map(function (w, c) { return w * reach[c]; }),
      total: total,
      terms: queryTerms, // every index term the query matched, for highlighting
      clauses: clauses.length,
      teaches: teaches,
      // How much of what the query asks the best result holds, unknown words included.
      // A word matched only with typos or in sample output counts in full here, as a guess.
      // Nothing found at all (`k3s`, a name with a digit, is no plain word) answers nothing.
      answered: !ranked.length ? 0 : full + unknown > 0 ? top * total / (full + unknown) : 1
    };
  };

  // Reference entries give way to chapters. The glossary defines in one sentence what a chapter
  // teaches: a term's entry ranks below the best chapter section that teaches every word of the
  // query (names it in its heading, or introduces it in bold), unless the query asks for the
  // glossary ("what does TTY mean"); a word no chapter teaches, that a page only mentions or
  // prints (IPAM), gets its definition. A troubleshooting entry answers the messages it explains:
  // a query that holds no stretch of one of them ("host network", a message the site explains
  // in a chapter's prose) gets the best chapter section that holds the query's words in prose.
  // Whether a section holds a stretch of the query: most of its word pairs side by side, or four
  // words in a row (a message with the reader's own names and IDs in it).
  Engine.prototype.holds = function (id, pairs) {
    if (!pairs.length) return true;
    var found = this.sideBySide(id, pairs);
    // Two words side by side (`docker daemon`) are a phrase, not a stretch of a message.
    return found[1] >= RANK.stretch || (found[1] >= 2 && (found[0] + found[1]) / (2 * pairs.length) >= 0.5);
  };

  Engine.prototype.referencesLast = function (ranked, clauses, pageFocus, pairs, top) {
    var teaching = null, explaining = null;
    for (var k = 0; k < ranked.length && !(teaching && explaining); k++) {
      var d = ranked[k];
      if (this.docs[d.id].entry || (this.docs[d.id].boost || 1) < 1) continue;
      if (!teaching && d.clauses.length === clauses && d.taught === clauses) teaching = d;
      if (!explaining && d.prose === d.clauses.length && d.coverage >= RANK.explains * top) explaining = d;
    }
    if (!teaching && !explaining) return;
    var lowest = Math.min(teaching ? teaching.score : Infinity, explaining ? explaining.score : Infinity);
    var moved = false;
    for (var j = 0; j < ranked.length && ranked[j].score > lowest; j++) {
      var hit = ranked[j], doc = this.docs[hit.id];
      if (pageFocus.get(doc.location.split("#")[0]) > 0) continue;
      // A term's entry answers the term; a query that asks more than the term ("pin an image by
      // digest") gets the chapter that explains it in prose.
      var more = (hit.named_clauses || []).length < clauses;
      var below = doc.entry === "term" ? (teaching || (more ? explaining : null))
        : doc.entry === "message" && !this.holds(hit.id, pairs) && hit.named_share < RANK.namesEntry ? explaining : null;
      if (below && hit.score > below.score) {
        hit.score = below.score * 0.99;
        moved = true;
      }
    }
    if (moved) ranked.sort(function (a, b) { return b.score - a.score; });
  };

  /*
   * Results as Material's result list wants them: one group per page, best page first, each
   * group best section first, with the page itself in it; matched words marked.
   */
  Engine.prototype.results = function (query) {
    var self = this;
    var found = this.search(query);
    var hits = found.hits.slice(0, MAX_HITS);
    var marked = marker(found.terms);
    var groups = new Map();
    hits.forEach(function (hit) {
      var page = hit.doc.location.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(hit);
    });
    // A page with several sections that answer is more about the question than one with one.
    // Only the page's own sections count here: a chapter that runs `docker container stop` five
    // times is not more about it than the one that explains it.
    // The page that teaches the query's words (flags, commands, terms) in its own headings and
    // entries, one section for each, ranks above one that only uses them together: `--rm -d`
    // goes to the chapter with the entries of both flags, not to one that runs a command with
    // both. Other uses of a command (a boost below 1) teach nothing.
    var teaches = found.teaches;
    var ranked = [];
    groups.forEach(function (group, page) {
      var second = group.filter(function (hit, k) { return k > 0 && !hit.doc.entry; })[0];
      var score = group[0].score + RANK.secondSection * (second ? second.score : 0);
      var taught = 0;
      (teaches.get(page) || new Set()).forEach(function (c) { taught += found.weights[c]; });
      if (found.clauses > 1 && found.total > 0) score *= 1 + RANK.teaches * taught / found.total;
      ranked.push([score, page, group]);
    });
    ranked.sort(function (a, b) { return b[0] - a[0]; });
    var items = ranked.slice(0, MAX_GROUPS).map(function (entry) {
      var page = entry[1];
      var group = entry[2].slice(0, MAX_PER_PAGE).map(function (hit) { return self.item(hit, marked); });
      if (!group.some(function (item) { return item.location === page; }) && self.byLocation[page]) {
        var article = self.byLocation[page];
        // The page itself heads the group; its link highlights what its best section matched.
        group.push({ location: article.location, title: article.title,
          text: excerpt(self.wordsOf(article), marked), score: 0, terms: group[0].terms });
      }
      return group;
    });
    var notice = this.notice(query, found);
    return { items: notice ? [notice].concat(items) : items };
  };

  /*
   * An honest "not covered": a query that names a Docker command the site does not teach
   * (config.untaught, from the CLI reference and the catalog), or that nothing on the site
   * answers well, gets a first result that says so and links Docker's own documentation: the
   * command's reference page, or a search there. Only a link the reader may follow; the page
   * itself requests nothing. The item carries `notice` ("command" or "weak") and `reference`
   * (the command's name); its title marks the same in data-search-notice, for tests.
   */
  Engine.prototype.notice = function (query, found) {
    var typed = words(query).map(clean).filter(Boolean);
    var untaught = this.untaught;
    if (typed[0] === "docker") {
      for (var n = Math.min(4, typed.length - 1); n >= 1; n--) {
        var words_ = typed.slice(1, n + 1).join(" ");
        // Own entries only: `docker constructor` names no command.
        var command = Object.prototype.hasOwnProperty.call(untaught, words_) ? untaught[words_] : null;
        if (command) {
          var name = escape(command[0]);
          return this.noticeItem("command", command[0], command[1],
            "Not covered here: <code>" + name + "</code>",
            "<p>This site does not teach <code>" + name + "</code>. Docker's reference describes it: " +
            escape(command[1].replace(/^https:\/\//, "")) + "</p>");
        }
      }
    }
    if (found.answered < RANK.answered && this.elsewhere) {
      var shown = escape(query.trim());
      return this.noticeItem("weak", null, this.elsewhere + encodeURIComponent(query.trim()),
        "Nothing on this site answers “" + shown + "” well",
        "<p>" + (found.hits.length ? "The closest results follow. " : "") +
        "Search Docker's documentation for it, or try other words.</p>");
    }
    return null;
  };

  Engine.prototype.noticeItem = function (kind, reference, url, title, text) {
    var mark = '<span data-search-notice="' + kind + '"' +
      (reference ? ' data-reference="' + escape(reference) + '"' : "") + ">" + title + "</span>";
    return [{ location: url, title: mark, text: text, score: 0, terms: {}, notice: kind, reference: reference }];
  };

  // What Material shows of a result: its title, and the stretch of its text with the most
  // matched words, not the whole section (a command block's section can run to pages: sending
  // and drawing all of it took most of the time from keystroke to results).
  Engine.prototype.item = function (hit, marker) {
    // Which query words the result has, as Material shows them (and puts in the link's ?h=).
    var terms = {};
    hit.clauses.forEach(function (c) { terms[c.label] = false; });
    hit.found.clauses.forEach(function (c) { terms[hit.clauses[c].label] = true; });
    return {
      location: hit.doc.location,
      title: highlight(hit.doc.title, marker),
      text: excerpt(this.wordsOf(hit.doc), marker),
      score: hit.score,
      terms: terms
    };
  };

  // A section's words, as many as an excerpt may look at: the first words are enough to find the
  // best stretch, as a long section's matches start early.
  Engine.prototype.wordsOf = function (doc) {
    var id = this.ids.get(doc);
    if (!this.split[id]) {
      var tokens = this.records[id].text.split(/\s+/, 250).filter(Boolean);
      // Each token's index terms, worked out once: a reader's every keystroke shows excerpts of
      // the same sections again.
      tokens.terms = tokens.map(function (token) {
        var found = [];
        wordsIn(token).forEach(function (w) { found.push.apply(found, termsOf(w)); });
        return found;
      });
      this.split[id] = tokens;
    }
    return this.split[id];
  };

  // Whether a word of the text is one the query matched, remembered for the query's results.
  function marker(matched) {
    var seen = new Map();
    mark.matched = matched;
    return mark;
    function mark(word) {
      var hit = seen.get(word);
      if (hit === undefined) {
        var terms = termsOf(word.indexOf("&") === -1 ? word : decode(word));
        hit = false;
        for (var i = 0; i < terms.length; i++) if (matched.has(terms[i])) hit = true;
        seen.set(word, hit);
      }
      return hit;
    }
  }

  // The words in a piece of text between spaces ("(redis-cli)," holds "redis-cli"), remembered.
  var tokenWords = new Map();
  function wordsIn(token) {
    var found = tokenWords.get(token);
    if (!found) tokenWords.set(token, found = token.match(WORD) || []);
    return found;
  }

  // The EXCERPT words of a text around the most matched words, escaped, matched words marked;
  // "…" where the text goes on.
  function excerpt(all, marked) {
    var matched = marked.matched;
    var hits = all.terms.map(function (terms) {
      for (var i = 0; i < terms.length; i++) if (matched.has(terms[i])) return 1;
      return 0;
    });
    var start = 0, best = -1, count = 0;
    for (var i = 0; i < all.length; i++) {
      count += hits[i] - (i >= EXCERPT ? hits[i - EXCERPT] : 0);
      if (count > best) { best = count; start = Math.max(0, i - EXCERPT + 1); }
    }
    // Start a little before the first matched word of the stretch, at most a sentence back.
    var first = start;
    while (first < all.length && !hits[first]) first++;
    start = first === all.length ? 0 : Math.max(0, Math.min(first - 6, all.length - EXCERPT));
    var shown = all.slice(start, start + EXCERPT).map(function (token, k) {
      if (!hits[start + k]) return escape(token);
      return token.split(/([^\s"'`()[\]{}<>,;!?|*\\]+)/).map(function (piece, odd) {
        return odd % 2 && marked(piece) ? "<mark data-md-highlight>" + escape(piece) + "</mark>" : escape(piece);
      }).join("");
    }).join(" ");
    return "<p>" + (start > 0 ? "… " : "") + shown + (start + EXCERPT < all.length ? " …" : "") + "</p>";
  }

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Marks the words of an HTML string that the query matched, outside tags.
  function highlight(html, marked) {
    return String(html || "").split(/(<[^>]*>)/).map(function (piece) {
      if (piece.charAt(0) === "<") return piece;
      return piece.replace(WORD, function (w) { return marked(w) ? "<mark data-md-highlight>" + w + "</mark>" : w; });
    }).join("");
  }

  return { Engine: Engine, rank: RANK, termsOf: termsOf, stem: stem, words: words, plain: plain, distance: distance };
});
