/*
 * seedsite search worker: a drop-in for Material's search worker (mkdocs-material 9.8.1).
 *
 * Material's search box posts SETUP / QUERY messages to the worker named in `__config.search`
 * and renders the RESULT it gets back. Material's own worker builds a lunr index of every page
 * in the browser, which takes ~47 s at 10,000 articles. This worker answers instead from:
 *   - the Pagefind bundle in <site>/pagefind/ (the articles, written by seedsite/search.py),
 *     loaded lazily with import() and fetching only the index chunks a query needs;
 *   - the few pages Material still indexes itself (home, about, ...), sent in SETUP.
 *
 * Languages: every shard of the bundle holds one language (seedsite.json names it). A copy of
 * pagefind.js holds one stemmer (its WebAssembly module is loaded once per copy) and, in a
 * worker, opens the largest language of its first bundle; so each language gets its own copy
 * (the module imported again from a blob: URL of the same source), with that language's
 * shards merged into it. A query runs in every language, without that language's stop words,
 * and the results are merged by Pagefind's score.
 *
 * Protocol (material/src/.../integrations/search/worker/message): SETUP=0 {config, docs,
 * options: {suggest}} -> READY=1; QUERY=2 "text" -> RESULT=3 {items: SearchItem[][], suggest?}.
 * A SearchItem is {location, title, text, score, terms}; Material inserts `title` and `text`
 * as HTML, so every string that comes from the site's content is escaped here first and only
 * <mark> is added. `terms` ({word: matched}) becomes the `?h=` parameter of the result link,
 * which Material's search.highlight feature highlights on the article page.
 *
 * Everything is loaded from the site itself; the site root is two folders above this file
 * (assets/javascripts/), which keeps working when the site is served under a sub-path.
 */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

/* Results whose fragment (title, text) is fetched per query, one small request each: the
   first answer has as many as Material renders at once, a second one follows with more */
const FIRST_RESULTS = 10
const MAX_RESULTS = 50
/* Material sends a query per keystroke; one that is not overtaken within this many ms runs */
const SETTLE_MS = 30
/* A one-letter query matches too many words by prefix (seconds of work for "b"): pages only.
   Two letters ("EU", "UN", "G7") are searched, and so is one character of a script written
   without spaces, where it is often a word (Chinese 水, "water") */
const MIN_QUERY = 2
/* A lone query word this short is matched exactly, not as a prefix */
const SHORT_WORD = 2
/* Scripts written without spaces between words: Pagefind's index has their words cut apart
   (Chinese, Japanese, Thai, ...), and so must a query be */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u
/* Words in nearly every article of a language: left out of a query to that language's index
   when the query has other words (Pagefind ANDs the terms, and scoring "the" over 10,000 pages
   takes over a second). Only in their own language: French "an" is a year, "on" a pronoun */
const STOP_WORDS = new Map(Object.entries({
  en: "a an and are as at be by for from has he in is it its of on or that the to was were " +
    "will with",
  fr: "au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne par pas " +
    "pour qui que se son sur un une",
  de: "auf aus bei das dem den der des die ein eine einen für im in ist mit nicht sich und von " +
    "wird zu zum zur",
  es: "a al con de del el en es la las lo los no para por que se su sus un una y",
  it: "a al che con da del della di e è gli i il in la le nel non per si un una",
  pt: "a ao as com da das de do dos e em no nos o os para por que se um uma",
  fa: "از این با برای به تا در را که و یک آن",
  ar: "أن إلى على عن في من و ما هذا التي الذي"
}).map(([lang, words]) => [lang, new Set(words.split(" "))]))
const NO_STOP_WORDS = new Set()
/* Words in an excerpt */
const EXCERPT_WORDS = 30

const root = new URL("../../", self.location.href)
const bundle = new URL("pagefind/", root)

let docs = []                  /* Material's index of the hand-written pages */
let suggest = false            /* search.suggest feature */
let pagefind = null            /* Promise of [{language, api}], one Pagefind per language */
let cache = null               /* {query, results} of the last Pagefind search */
let latest = 0                 /* Number of the newest query: older answers are dropped */

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/* Escape text for insertion as HTML (titles and text are untrusted web text) */
function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, c => ENTITIES[c])
}

/* Plain text of the HTML Material puts in its own index (hand-written pages) */
function toText(markup) {
  return String(markup)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|nbsp|#39);/gi, (all, code) => {
      const named = { amp: "&", lt: "<", gt: ">", quot: "\"", nbsp: " ", "#39": "'" }
      const key = code.toLowerCase()
      if (key in named) return named[key]
      const n = key[1] === "x" ? parseInt(key.slice(2), 16) : parseInt(key.slice(1), 10)
      return Number.isFinite(n) ? String.fromCodePoint(n) : all
    })
    .replace(/\s+/g, " ")
    .trim()
}

/* The query with the words of unspaced scripts cut apart as Pagefind cut the articles'
   ("北京空气污染" -> "北京 空气 污染"); other text is left as typed */
function segment(query) {
  if (!UNSPACED.test(query) || typeof Intl.Segmenter === "undefined") return query
  const words = []
  for (const { segment: word, isWordLike } of new Intl.Segmenter(undefined, { granularity: "word" })
    .segment(query))
    if (isWordLike || /\S/.test(word) && !/^[\p{P}\p{S}]+$/u.test(word)) words.push(word)
  return words.join(" ")
}

/* Lower-cased query terms, without the operators of Material's query syntax */
function queryTerms(query) {
  return segment(query)
    .toLowerCase()
    .replace(/[*+\-:~^"]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
}

/* The query sent to the index of `language`: without its stop words, unless that leaves none;
   null when it is too short to search */
function pagefindQuery(query, language) {
  const words = segment(query).trim().split(/\s+/).filter(Boolean)
  const stop = STOP_WORDS.get(language) || NO_STOP_WORDS
  const kept = words.filter(word => !stop.has(word.toLowerCase()))
  const text = (kept.length ? kept : words).join(" ")
  if (UNSPACED.test(text)) return text
  const length = [...text].length
  if (length < MIN_QUERY) return null
  /* A lone word of two letters is a word, not the start of one: "UN" is the UN, and Pagefind's
     prefix matches ("under", "unknown") would outrank it. Quoted, Pagefind matches it exactly */
  return length <= SHORT_WORD ? `"${text}"` : text
}

/* Word normalised for comparison: lower case, no surrounding punctuation */
function norm(word) {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
}

/* Escaped words [start, start + length) with <mark> around the words at `hits`; `words` are
   strings (joined by spaces) or {word, space} (a space after the word, or none) */
function markWords(words, start, length, hits) {
  const out = []
  const end = Math.min(words.length, start + length)
  for (let i = start; i < end; i++) {
    const { word, space } = typeof words[i] === "string" ? { word: words[i], space: true } : words[i]
    out.push(hits.has(i) ? `<mark>${escapeHTML(word)}</mark>` : escapeHTML(word))
    if (space && i < end - 1) out.push(" ")
  }
  return out.join("").replace(/<\/mark>(\s*)<mark>/g, "$1")
}

/* The words of a result's content as Pagefind counts them (its `locations` index them), each
   with whether a space follows. Pagefind separates the words of unspaced scripts with U+200B
   in `raw_content`, where it also writes < and > as &lt; and &gt;, and drops the U+200B from
   `content`: words are cut where raw_content has a separator, their text taken from content
   (a "&lt;" written in an article stays "&lt;") */
function contentWords(data) {
  const text = String(data.content || "")
  const raw = String(data.raw_content || text)
  /* Most articles have no U+200B: their words are content's, between spaces */
  if (!raw.includes("\u200b"))
    return text.split(/\s+/).filter(Boolean).map(word => ({ word, space: true }))
  const words = []
  let word = ""
  const end = space => {
    if (word) words.push({ word, space: false })
    word = ""
    if (space && words.length) words[words.length - 1].space = true
  }
  for (let i = 0, j = 0; i < raw.length;) {
    if (raw[i] === "\u200b") { end(false); i++; if (text[j] === "\u200b") j++; continue }
    if (/\s/.test(raw[i])) { end(true); i++; j++; continue }
    if (text[j] === "<" && raw.startsWith("&lt;", i)) { word += "<"; i += 4; j++; continue }
    if (text[j] === ">" && raw.startsWith("&gt;", i)) { word += ">"; i += 4; j++; continue }
    word += text[j] === undefined ? raw[i] : text[j]
    i++; j++
  }
  end(false)
  return words
}

/* Escaped `text` with <mark> around what the query terms match: words starting with a term
   (a word of two letters whole: "UN" is not "Unknown"), and in unspaced scripts the term
   itself wherever it stands */
function markTerms(text, terms) {
  const letter = "[\\p{L}\\p{N}\\p{M}\u200c]"
  const patterns = terms.filter(Boolean).map(term => {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    if (UNSPACED.test(term)) return escaped
    const rest = [...term].length <= SHORT_WORD ? `(?!${letter})` : `${letter}*`
    return `(?<!${letter})${escaped}${rest}`
  })
  if (!patterns.length) return escapeHTML(text)
  const pattern = new RegExp(patterns.join("|"), "giu")
  let out = "", last = 0
  for (const match of text.matchAll(pattern)) {
    if (!match[0]) continue
    out += escapeHTML(text.slice(last, match.index)) + `<mark>${escapeHTML(match[0])}</mark>`
    last = match.index + match[0].length
  }
  return out + escapeHTML(text.slice(last))
}

/* Start of the `length`-word window holding most hits, not before word `from` */
function densest(hits, length, from, total) {
  const sorted = [...hits].filter(i => i >= from).sort((a, b) => a - b)
  if (!sorted.length) return from
  let best = sorted[0], count = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j] < sorted[i] - length + 1) j++
    if (i - j + 1 > count) { count = i - j + 1; best = sorted[j] }
  }
  /* Open a few words before the first hit, for context */
  return Math.max(from, Math.min(best - 3, total - length))
}

/* Responses fetched ahead of Pagefind, by address without query (Pagefind adds ?ts= to some).
   Pagefind loads the shards one after the other (a merged shard waits for the first one's
   wasm, then fetches its entry file, then its metadata); fetching all of them at once, as soon
   as the worker starts, has them ready when Pagefind asks. Each is handed out once. */
const ahead = new Map()
const nativeFetch = self.fetch.bind(self)

function addressOf(input) {
  const url = new URL(typeof input === "string" ? input : input.url, self.location.href)
  return url.origin + url.pathname
}

/* Settles once every fetch ahead has started (they depend on the entry files' contents) */
let planned = Promise.resolve()

self.fetch = async (input, init) => {
  /* Pagefind may ask for a shard's metadata before its entry file told us its name */
  if (!ahead.has(addressOf(input))) await planned
  const early = ahead.get(addressOf(input))
  if (!early) return nativeFetch(input, init)
  ahead.delete(addressOf(input))
  return early.catch(() => nativeFetch(input, init))
}

function fetchAhead(url) {
  const key = addressOf(url)
  if (!ahead.has(key)) ahead.set(key, nativeFetch(url))
  return ahead.get(key)
}

/* The bundle's shards by language, in the manifest's order (the largest language first):
   [[language, [shard folder, ...]], ...]. A manifest of version 1 lists folders only. */
function languagesOf(manifest) {
  const groups = new Map()
  for (const shard of manifest.shards || [""]) {
    const { path = "", language = "" } = typeof shard === "string" ? { path: shard } : shard
    groups.set(language, [...groups.get(language) || [], path])
  }
  return [...groups]
}

/* The bundle's manifest, and every shard's entry file and metadata and each language's wasm
   (from its first shard, where that language's Pagefind loads it), fetched ahead */
function prefetchBundle() {
  const manifest = nativeFetch(new URL("seedsite.json", bundle).href)
    .then(res => res.ok ? res.json() : { shards: [""] })
    .catch(() => ({ shards: [""] }))
  planned = manifest.then(manifest => Promise.all(languagesOf(manifest).flatMap(([, paths]) =>
    paths.map((path, i) => {
      const base = new URL(path, bundle)
      return fetchAhead(new URL("pagefind-entry.json", base).href)
        .then(res => res.ok ? res.clone().json() : null)
        .then(entry => {
          /* The language Pagefind opens in a worker: the bundle's largest */
          const [index] = Object.values(entry && entry.languages || {})
            .sort((a, b) => b.page_count - a.page_count)
          if (!index) return
          fetchAhead(new URL(`pagefind.${index.hash}.pf_meta`, base).href)
          /* A language without a stemmer has none ("wasm": null): Pagefind loads "unknown" */
          if (i === 0) fetchAhead(new URL(`wasm.${index.wasm || "unknown"}.pagefind`, base).href)
        })
        .catch(() => {})
    }))))
  return manifest
}

/* A fresh copy of the Pagefind module: the first is pagefind.js itself, the others the same
   source under a blob: URL (a module is instantiated once per URL, its stemmer with it) */
let pagefindSource = null
function pagefindModule(copy) {
  const url = new URL("pagefind.js", bundle).href
  if (copy === 0) return import(url)
  if (!pagefindSource) pagefindSource = nativeFetch(url).then(res => res.text())
  return pagefindSource.then(source =>
    import(URL.createObjectURL(new Blob([source], { type: "text/javascript" }))))
}

/* One Pagefind per language of the bundle, with that language's further shards merged in */
function loadPagefind() {
  if (!pagefind)
    pagefind = (async () => {
      /* The first copy loads while the manifest is fetched: it is needed whatever it says */
      const first = pagefindModule(0)
      first.catch(() => {})
      const manifest = await prefetchBundle()
      return Promise.all(languagesOf(manifest).map(async ([language, [main, ...more]], i) => {
        const api = await (i === 0 ? first : pagefindModule(i))
        /* Results keep the URL as indexed (relative to the site root, see fixUrl) */
        await api.options({
          basePath: new URL(main, bundle).href, baseUrl: "/", excerptLength: EXCERPT_WORDS
        })
        await Promise.all(
          more.map(path => api.mergeIndex(new URL(path, bundle).href, { baseUrl: "/" })))
        await api.init()
        return { language, api }
      }))
    })()
  return pagefind
}

/* Result location relative to the site root ("articles/x/"), as Material's own index has it */
function fixUrl(url) {
  return String(url).replace(/^\/+/, "")
}

/* Words of `words` ({word}) that spell `title` out, with the punctuation after it: the
   content opens with the title (indexed from <h1>) */
function titleWords(words, title) {
  const length = title.replace(/\s+/g, "").length
  let skip = 0
  for (let spelled = 0; skip < words.length && spelled < length; skip++)
    spelled += words[skip].word.length
  while (skip < words.length && !/[\p{L}\p{N}]/u.test(words[skip].word)) skip++
  return skip
}

/* One Pagefind result as Material's SearchItem */
function articleItem(data, terms, score) {
  const title = data.meta && data.meta.title ? String(data.meta.title) : fixUrl(data.url)
  const words = contentWords(data)
  const hits = new Set(data.locations || [])
  /* Show body words when possible */
  const skip = titleWords(words, title)
  const bodyHits = [...hits].filter(i => i >= skip)
  const start = bodyHits.length
    ? densest(new Set(bodyHits), EXCERPT_WORDS, skip, words.length)
    : skip
  let text = markWords(words, start, EXCERPT_WORDS, hits)
  if (start > skip) text = "… " + text
  if (start + EXCERPT_WORDS < words.length) text += " …"

  /* A term matched if a word Pagefind located is it, starts with it, or is its stem;
     Pagefind also returns shorter words for a term it cannot find ("not" for "nothingx") */
  const located = [...hits].map(i => norm(words[i] ? words[i].word : ""))
  const matched = {}
  for (const term of terms)
    matched[term] = located.some(word => stemMatch(word, term))
  const date = data.meta && data.meta.date ? `<time>${escapeHTML(data.meta.date)}</time> · ` : ""
  return {
    location: fixUrl(data.raw_url || data.url),
    /* Title words that match a query term get a <mark> too */
    title: markTerms(title, terms),
    text: `${date}${text}`,
    score,
    terms: matched
  }
}

/* Whether `word` (as located in a page) matches the query `term` */
function stemMatch(word, term) {
  if (word.startsWith(term)) return true
  let common = 0
  while (common < word.length && word[common] === term[common]) common++
  return common === word.length && common >= Math.max(3, Math.ceil(0.4 * term.length))
}

/* Completion of the last query word, from the words the best result matched */
function suggestion(query, data) {
  const typed = query.split(/[\s-]+/).pop()
  const prefix = norm(typed)
  if (!prefix || !data) return undefined
  const words = contentWords(data)
  const counts = new Map()
  for (const i of data.locations || []) {
    const word = norm(words[i] ? words[i].word : "")
    if (word.startsWith(prefix) && word.length > prefix.length)
      counts.set(word, (counts.get(word) || 0) + 1)
  }
  if (!counts.size) return [typed]
  const [best] = [...counts].sort((a, b) => b[1] - a[1])[0]
  /* Material appends the suggestion only if it starts with what was typed, case included */
  return [typed + best.slice(typed.length)]
}

/* Search the hand-written pages Material sent in SETUP (a handful: a plain scan is enough) */
function searchDocs(terms) {
  const groups = new Map()
  for (const doc of docs) {
    const title = toText(doc.title)
    const text = toText(doc.text)
    const hay = `${title} ${text}`.toLowerCase()
    const matched = {}
    let score = 0
    for (const term of terms) {
      matched[term] = hay.includes(term)
      if (matched[term])
        score += (title.toLowerCase().includes(term) ? 10 : 0) + 1
    }
    if (!Object.values(matched).every(Boolean)) continue
    const mark = value => {
      const words = value.split(/\s+/).filter(Boolean)
      const hits = new Set()
      words.forEach((word, i) => {
        const n = norm(word)
        if (terms.some(term => n.includes(term))) hits.add(i)
      })
      const start = hits.size ? densest(hits, EXCERPT_WORDS, 0, words.length) : 0
      return markWords(words, start, value === title ? words.length : EXCERPT_WORDS, hits)
    }
    const page = doc.location.split("#")[0]
    const item = { location: doc.location, title: mark(title), text: mark(text), score, terms: matched }
    groups.set(page, [...groups.get(page) || [], item])
  }
  /* Material renders the first item of a group as the page: make sure it is the page itself */
  const out = []
  for (const [page, items] of groups) {
    let index = items.findIndex(item => item.location === page)
    if (index === -1) {
      const doc = docs.find(d => d.location === page)
      if (!doc) continue
      items.push({ location: page, title: escapeHTML(toText(doc.title)), text: "", score: 0, terms: {} })
      index = items.length - 1
    }
    const [head] = items.splice(index, 1)
    out.push([head, ...items.sort((a, b) => b.score - a.score)])
  }
  return out.sort((a, b) => Math.max(...b.map(i => i.score)) - Math.max(...a.map(i => i.score)))
}

/* Material's result for a query: hand-written pages and the first `limit` articles */
async function search(query, limit, isCurrent) {
  const terms = queryTerms(query)
  if (!terms.length) return { result: { items: [] }, more: false }
  const pages = searchDocs(terms)
  let articles = []
  let best = null
  let more = false
  try {
    const indexes = await loadPagefind()
    /* The second answer to a query reuses the first one's Pagefind results */
    if (!cache || cache.query !== query) {
      const found = await Promise.all(indexes.map(({ language, api }) => {
        const text = pagefindQuery(query, language)
        return text === null ? null : api.search(text)
      }))
      /* Every language's results, best first: Pagefind merges a language's shards so too */
      const answers = found.filter(Boolean)
      const results = answers.length === 1 ? answers[0].results || []
        : answers.flatMap(answer => answer.results || []).sort((a, b) => b.score - a.score)
      cache = { query, results }
    }
    if (!isCurrent()) return null
    const results = cache.results
    more = results.length > limit && limit < MAX_RESULTS
    const data = await Promise.all(results.slice(0, limit).map(result => result.data()))
    best = data[0] || null
    articles = data.map(d => [articleItem(d, terms, 0)])
      .filter(([item]) => Object.values(item.terms).some(Boolean))
  } catch (err) {
    console.warn("seedsite search: the article index could not be loaded", err)
  }
  /* Hand-written pages whose title matches come first, the others after the articles */
  const strong = pages.filter(group => group[0].score >= 10)
  const weak = pages.filter(group => group[0].score < 10)
  const items = [...strong, ...articles, ...weak]
  /* Scores only order the Enter key's choice: keep the order shown */
  items.forEach((group, i) => group.forEach(item => { item.score = items.length - i }))
  const result = { items }
  if (suggest) {
    const s = suggestion(query, best)
    if (s) result.suggest = s
  }
  return { result, more }
}

/* Start loading Pagefind as soon as the worker exists (Material creates it at page load, then
   fetches its own index before SETUP): the first query then finds it ready */
loadPagefind().catch(() => {})

/* The Pagefind search running now: searches run one at a time, the newest query next */
let running = Promise.resolve()

addEventListener("message", async ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      docs = message.data.docs || []
      suggest = !!(message.data.options && message.data.options.suggest)
      postMessage({ type: READY })
      break
    case QUERY: {
      /* Material sends a query per keystroke: an answer overtaken by a newer query is dropped */
      const seq = ++latest
      const isCurrent = () => seq === latest
      await new Promise(resolve => setTimeout(resolve, SETTLE_MS))
      /* Two searches at once would both be slow: wait for the one running, if any */
      const previous = running
      let done
      running = new Promise(resolve => { done = resolve })
      try {
        await previous
        if (!isCurrent()) break
        const first = await search(message.data, FIRST_RESULTS, isCurrent)
        if (!first || !isCurrent()) break
        postMessage({ type: RESULT, data: first.result })
        if (first.more) {
          /* The rest arrives while the reader looks at the first ten (Material re-renders) */
          const full = await search(message.data, MAX_RESULTS, isCurrent)
          if (full && isCurrent())
            postMessage({ type: RESULT, data: full.result })
        }
      } finally {
        done()
      }
      break
    }
    default:
      throw new TypeError("Invalid message type")
  }
})
