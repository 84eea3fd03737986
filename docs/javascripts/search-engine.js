/*
 * The site's search engine: how words are cut out of pages and queries, and how results rank.
 * Runs inside the search worker (search-worker.js) on top of MiniSearch, and in Node for
 * scripts/search_engines.js, which compares engines on the quality set.
 *
 * Why it is not plain full-text search: readers type commands, flags and error messages.
 * - Words are cut only at spaces and quotes, so `redis-cli`, `--volumes-from`, `5000:5000`,
 *   `.dockerignore` and `compose.yaml` are words; each is indexed whole, by its parts
 *   (`redis`, `cli`), and joined (`rediscli`, `multistage`).
 * - Every query word counts: results that match all of them come first; results that miss some
 *   (a pasted error message names your own container and ID) follow, ranked by how much of the
 *   query they match, rare words weighing more than words that are on every page.
 * - Only the word being typed matches as a prefix (`REST API` does not find "restart").
 * - A word that is nowhere on the site is matched with one typo (two in long words).
 * - Other words for the same thing come from a small table (assets/search-synonyms.yaml).
 * - Titles, headings and code weigh more than body text (the search plugin's `fields:` in
 *   mkdocs.yml).
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

  var TITLE_BONUS = 4;
  var SECOND_SECTION = 0.3;
  var BM25 = { k: 1.2, b: 0.7, d: 0.5 };
  var ORDER_BONUS = 0.3;
  var DEFAULT_FIELDS = { title: 8, code: 3, text: 1, page: 1 };
  var DEFAULT_STOPWORDS = ("a an and are as at be but by can do does for how i if in into is it its " +
    "me my of on or so that the their then there these this to was what when where which why will " +
    "with you your").split(" ");

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

  function parts(word) {
    return word.split(PARTS).filter(function (p) { return p.length > 0; });
  }

  // Every index term of one word: whole, parts, joined, and the stems of each.
  function termsOf(raw) {
    var whole = clean(raw);
    if (!whole || /^[-.:/_=@+$~#&%]+$/.test(whole)) return [];
    var pieces = parts(whole);
    var terms = [whole];
    if (pieces.length > 1 || pieces[0] !== whole) {
      terms = terms.concat(pieces);
      if (pieces.length > 1 && pieces.every(function (p) { return /^[a-z]+$/.test(p); })) {
        terms.push(pieces.join(""));
      }
    }
    var stems = terms.map(stem);
    return unique(terms.concat(stems));
  }

  function unique(list) {
    var seen = {};
    return list.filter(function (item) {
      if (seen[item]) return false;
      seen[item] = true;
      return true;
    });
  }

  function words(text) {
    return String(text).match(WORD) || [];
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
    this.stopwords = {};
    (config.stopwords || DEFAULT_STOPWORDS).forEach(function (w) { this.stopwords[w] = true; }, this);
    this.synonyms = (config.synonyms || []).map(function (group) {
      return group.map(function (phrase) { return words(phrase).map(clean); });
    });
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
        terms.forEach(function (t) { vocabulary.add(t); });
        return terms.length ? terms : null;
      },
      searchOptions: { tokenize: function (s) { return [s]; }, processTerm: function (t) { return t; } }
    });
    var records = this.docs.map(function (doc, id) {
      var page = doc.location.split("#")[0];
      return {
        id: id,
        title: plain(doc.title),
        code: code(doc.text),
        text: plain(doc.text),
        page: doc.location.indexOf("#") === -1 ? "" : titles[page] || ""
      };
    });
    this.mini.addAll(records);
    var stopwords = this.stopwords;
    this.titleWords = records.map(function (r) {
      return words(r.title).filter(function (w) { return clean(w) && !stopwords[clean(w)]; });
    });
    this.count = records.length;
  }

  // The share of a document's title words that the query matched.
  Engine.prototype.titleFocus = function (id, matched) {
    var title = this.titleWords[id];
    if (!title.length) return 0;
    var hit = title.filter(function (w) {
      return termsOf(w).some(function (t) { return matched.has(t); });
    }).length;
    return hit / title.length;
  };

  // Chapters build on each other: where two pages answer alike, the earlier one introduces the
  // topic. config.pages lists the pages in reading order (sitekit/search_index.py).
  Engine.prototype.pagePrior = function (location) {
    var rank = this.order[location.split("#")[0]];
    if (rank === undefined) return 1;
    return 1 + ORDER_BONUS * (1 - rank / Math.max(1, this.pageCount - 1));
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
    var significant = lowered.filter(function (w) { return w && !this.stopwords[w]; }, this);
    var keepStopwords = significant.length === 0;
    var clauses = [];
    for (var i = 0; i < raw.length; i++) {
      var word = lowered[i];
      if (!word || (!keepStopwords && this.stopwords[word])) continue;
      var last = typing && i === raw.length - 1;
      var phrase = this.synonymAt(lowered, i);
      if (phrase) {
        clauses.push(this.phraseClause(phrase, last && phrase.end === raw.length));
        i = phrase.end - 1;
        continue;
      }
      clauses.push(this.wordClause(raw[i], last));
    }
    return clauses;
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

  Engine.prototype.phraseClause = function (found, typing) {
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
    return { label: found.phrase.join(" "), alternatives: alternatives, phrase: true };
  };

  Engine.prototype.wordClause = function (raw, typing) {
    var whole = clean(raw);
    var pieces = parts(whole);
    var alternatives = [];
    var self = this;
    function leaf(term, prefix) {
      var known = self.vocabulary.has(term) || self.vocabulary.has(stem(term));
      var started = known || (prefix && self.startsAny(term));
      var fuzzy = 0;
      if (!started && /^[a-z]{5,}$/.test(term)) fuzzy = term.length >= 7 ? 2 : 1;
      // A finished word still matches longer ones (the reader may go on typing), but weakly.
      return { term: term, prefix: prefix, fuzzy: fuzzy, prefixWeight: known ? 0.2 : 0.6 };
    }
    alternatives.push({ terms: [leaf(whole, typing)], weight: 1 });
    if (stem(whole) !== whole) alternatives.push({ terms: [leaf(stem(whole), false)], weight: 0.8 });
    var flag = /^-/.test(whole);
    if (flag && /^-[a-z]{2,}$/.test(whole)) {
      // Combined short flags: -it is -i and -t.
      alternatives.push({
        terms: whole.slice(1).split("").map(function (c) { return leaf("-" + c, false); }),
        weight: 0.8
      });
    }
    if (pieces.length > 1 || (pieces.length === 1 && pieces[0] !== whole && !/^-[a-z]$/.test(whole))) {
      var useful = pieces.filter(function (p, k) {
        return p.length > 1 || /\d/.test(p) || (typing && k === pieces.length - 1);
      });
      if (useful.length) {
        alternatives.push({
          terms: useful.map(function (p, k) { return leaf(p, typing && k === useful.length - 1); }),
          weight: flag ? 0.4 : 0.6
        });
      }
      if (pieces.length > 1 && pieces.every(function (p) { return /^[a-z]+$/.test(p); })) {
        alternatives.push({ terms: [leaf(pieces.join(""), typing)], weight: 0.8 });
      }
    }
    return { label: whole, alternatives: alternatives };
  };

  Engine.prototype.startsAny = function (start) {
    if (!this.sortedVocabulary) this.sortedVocabulary = Array.from(this.vocabulary).sort();
    var list = this.sortedVocabulary, low = 0, high = list.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (list[mid] < start) low = mid + 1; else high = mid;
    }
    return low < list.length && list[low].lastIndexOf(start, 0) === 0;
  };

  // Scores of one index term (exact, as a prefix or with typos) for every document it matches.
  Engine.prototype.leafScores = function (leaf, cache) {
    var key = leaf.term + "|" + leaf.prefix + "|" + leaf.fuzzy + "|" + leaf.prefixWeight;
    if (cache[key]) return cache[key];
    var scores = new Map();
    var results = this.mini.search(leaf.term, {
      boost: this.fields,
      prefix: leaf.prefix,
      fuzzy: leaf.fuzzy,
      weights: { prefix: leaf.prefixWeight, fuzzy: 0.5 },
      bm25: BM25
    });
    results.forEach(function (r) {
      var inTitle = Object.keys(r.match).some(function (t) { return r.match[t].indexOf("title") !== -1; });
      scores.set(r.id, { score: r.score, terms: r.terms, title: inTitle });
    });
    cache[key] = scores;
    return scores;
  };

  // Scores of one clause: the best alternative a document satisfies whole.
  Engine.prototype.clauseScores = function (clause, cache) {
    var self = this;
    var best = new Map();
    clause.alternatives.forEach(function (alt) {
      var combined = null;
      var members = alt.all
        ? alt.all.map(function (sub) { return self.clauseScores(sub, cache); })
        : alt.terms.map(function (leaf) {
          var s = self.leafScores(leaf, cache);
          return s;
        });
      members.forEach(function (m) {
        if (combined === null) {
          combined = new Map();
          m.forEach(function (v, id) { combined.set(id, { score: v.score, terms: v.terms.slice(), title: v.title }); });
        } else {
          combined.forEach(function (v, id) {
            var other = m.get(id);
            if (!other) combined.delete(id);
            else { v.score += other.score; v.terms = v.terms.concat(other.terms); v.title = v.title && other.title; }
          });
        }
      });
      (combined || new Map()).forEach(function (v, id) {
        var score = v.score * alt.weight;
        var current = best.get(id);
        if (!current) best.set(id, { score: score, terms: v.terms, title: v.title });
        else {
          if (score > current.score) current.score = score;
          current.terms = current.terms.concat(v.terms);
          current.title = current.title || v.title;
        }
      });
    });
    return best;
  };

  /*
   * Rank: a document's score is the sum of its clause scores, times how much of the query it
   * covers (each clause weighted by how rare it is on the site) to a high power, so documents
   * that match every word come first and a pasted message still finds its page.
   */
  Engine.prototype.search = function (query) {
    var clauses = this.parse(query);
    if (!clauses.length) return [];
    // Typos are looked for while a reader types a few words, not in a pasted message.
    if (clauses.length > 3) clauses.forEach(function noFuzzy(c) {
      c.alternatives.forEach(function (alt) {
        (alt.terms || []).forEach(function (leaf) { leaf.fuzzy = 0; });
        (alt.all || []).forEach(noFuzzy);
      });
    });
    var cache = {};
    var self = this;
    var perClause = clauses.map(function (c) { return self.clauseScores(c, cache); });
    var n = this.count;
    var weights = perClause.map(function (m) {
      var df = m.size;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    var total = weights.reduce(function (a, b) { return a + b; }, 0);
    var docs = new Map();
    perClause.forEach(function (m, c) {
      m.forEach(function (v, id) {
        var d = docs.get(id);
        if (!d) docs.set(id, d = { id: id, score: 0, covered: 0, titled: 0, terms: [], matched: {} });
        d.score += v.score;
        d.covered += weights[c];
        if (v.title) d.titled += weights[c];
        d.terms = d.terms.concat(v.terms);
        d.matched[clauses[c].label] = true;
      });
    });
    var ranked = [];
    docs.forEach(function (d) {
      var doc = self.docs[d.id];
      var coverage = total > 0 ? d.covered / total : 1;
      d.coverage = coverage;
      // A heading that names what the reader asks for is the best sign of the right section.
      var titled = total > 0 ? d.titled / total : 0;
      // ...and more so when the heading is about nothing else: `docker login` is the title of
      // the command's own entry, and "Docker, explained" the title of the home page.
      var focus = self.titleFocus(d.id, new Set(d.terms));
      d.score = d.score * Math.pow(coverage, 4) * (1 + TITLE_BONUS * titled * focus) *
        (doc.boost || 1) * self.pagePrior(doc.location);
      ranked.push(d);
    });
    var top = ranked.reduce(function (m, d) { return Math.max(m, d.coverage); }, 0);
    ranked = ranked.filter(function (d) { return d.coverage >= top * 0.5; });
    ranked.sort(function (a, b) { return b.score - a.score; });
    return ranked.map(function (d) {
      var terms = {};
      clauses.forEach(function (c) { terms[c.label] = !!d.matched[c.label]; });
      return { doc: self.docs[d.id], score: d.score, coverage: d.coverage, matchedTerms: unique(d.terms), terms: terms };
    });
  };

  /*
   * Results as Material's result list wants them: one group per page, best page first, each
   * group best section first, with the page itself in it; matched words marked.
   */
  Engine.prototype.results = function (query, limit) {
    var self = this;
    var hits = this.search(query).slice(0, limit || 200);
    var groups = new Map();
    hits.forEach(function (hit) {
      var page = hit.doc.location.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(self.item(hit));
    });
    // A page with several sections that answer is more about the question than one with one.
    var ranked = [];
    groups.forEach(function (group, page) {
      var score = group[0].score + SECOND_SECTION * (group.length > 1 ? group[1].score : 0);
      ranked.push([score, page, group]);
    });
    ranked.sort(function (a, b) { return b[0] - a[0]; });
    var items = [];
    ranked.forEach(function (entry) {
      var page = entry[1], group = entry[2];
      if (!group.some(function (item) { return item.location === page; }) && self.byLocation[page]) {
        var article = self.byLocation[page];
        // The page itself heads the group; its link highlights what its best section matched.
        group.push({ location: article.location, title: article.title, text: article.text, score: 0,
          terms: group[0].terms });
      }
      items.push(group);
    });
    return { items: items };
  };

  Engine.prototype.item = function (hit) {
    var matched = new Set(hit.matchedTerms);
    var mark = function (html) { return highlight(html, matched); };
    var item = {};
    Object.keys(hit.doc).forEach(function (key) { item[key] = hit.doc[key]; });
    item.title = mark(hit.doc.title);
    item.text = mark(hit.doc.text);
    item.score = hit.score;
    item.terms = hit.terms;
    return item;
  };

  // Marks the words of an HTML string whose index terms matched, outside tags.
  function highlight(html, matched) {
    return String(html || "").split(/(<[^>]*>)/).map(function (piece) {
      if (piece.charAt(0) === "<") return piece;
      return piece.replace(WORD, function (w) {
        var hit = termsOf(decode(w)).some(function (t) { return matched.has(t); });
        return hit ? "<mark data-md-highlight>" + w + "</mark>" : w;
      });
    }).join("");
  }

  return { Engine: Engine, termsOf: termsOf, stem: stem, words: words, plain: plain };
});
