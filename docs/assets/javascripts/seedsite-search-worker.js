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
/* Shorter queries match too many words by prefix (seconds of work for "b"): pages only */
const MIN_QUERY = 3
/* Words in every article: left out of a query that has other words (Pagefind ANDs the terms,
   and scoring "the" over 10,000 pages takes over a second) */
const STOP_WORDS = new Set(("a an and are as at be by for from has he in is it its of on or " +
  "that the to was were will with").split(" "))
/* Words in an excerpt */
const EXCERPT_WORDS = 30

const root = new URL("../../", self.location.href)
const bundle = new URL("pagefind/", root)

let docs = []                  /* Material's index of the hand-written pages */
let suggest = false            /* search.suggest feature */
let pagefind = null            /* Promise of the Pagefind API, once loaded */
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

/* Lower-cased query terms, without the operators of Material's query syntax */
function queryTerms(query) {
  return query
    .toLowerCase()
    .replace(/[*+\-:~^"]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
}

/* Word normalised for comparison: lower case, no surrounding punctuation */
function norm(word) {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
}

/* Escaped words [start, start + length) with <mark> around the words at `hits` */
function markWords(words, start, length, hits) {
  const out = []
  for (let i = start; i < Math.min(words.length, start + length); i++)
    out.push(hits.has(i) ? `<mark>${escapeHTML(words[i])}</mark>` : escapeHTML(words[i]))
  return out.join(" ").replace(/<\/mark>(\s+)<mark>/g, "$1")
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

/* The bundle's manifest, and every shard's entry file, metadata and the wasm, fetched ahead */
function prefetchBundle() {
  const manifest = nativeFetch(new URL("seedsite.json", bundle).href)
    .then(res => res.ok ? res.json() : { shards: [""] })
    .catch(() => ({ shards: [""] }))
  planned = manifest.then(({ shards }) => Promise.all(shards.map((shard, i) => {
    const base = new URL(shard, bundle)
    return fetchAhead(new URL("pagefind-entry.json", base).href)
      .then(res => res.ok ? res.clone().json() : null)
      .then(entry => {
        const languages = Object.entries(entry && entry.languages || {})
          .sort((a, b) => b[1].page_count - a[1].page_count)
        if (!languages.length) return
        const [language, index] = languages[0]
        fetchAhead(new URL(`pagefind.${index.hash}.pf_meta`, base).href)
        if (i === 0) fetchAhead(new URL(`wasm.${index.wasm || language}.pagefind`, base).href)
      })
      .catch(() => {})
  })))
  return manifest
}

/* Load Pagefind and merge the further shards listed in the bundle's manifest */
function loadPagefind() {
  if (!pagefind)
    pagefind = (async () => {
      const [api, manifest] = await Promise.all([
        import(new URL("pagefind.js", bundle).href),
        prefetchBundle()
      ])
      /* Results keep the URL as indexed (relative to the site root, see fixUrl) */
      await api.options({ baseUrl: "/", excerptLength: EXCERPT_WORDS })
      await Promise.all(
        manifest.shards.filter(shard => shard)
          .map(shard => api.mergeIndex(new URL(shard, bundle).href, { baseUrl: "/" }))
      )
      await api.init()
      return api
    })()
  return pagefind
}

/* Result location relative to the site root ("articles/x/"), as Material's own index has it */
function fixUrl(url) {
  return String(url).replace(/^\/+/, "")
}

/* One Pagefind result as Material's SearchItem */
function articleItem(data, terms, score) {
  const title = data.meta && data.meta.title ? String(data.meta.title) : fixUrl(data.url)
  const words = String(data.content || "").split(/\s+/).filter(Boolean)
  const hits = new Set(data.locations || [])
  /* The content opens with the title (indexed from <h1>): show body words when possible */
  const skip = Math.min(title.split(/\s+/).filter(Boolean).length, words.length)
  const bodyHits = [...hits].filter(i => i >= skip)
  const start = bodyHits.length
    ? densest(new Set(bodyHits), EXCERPT_WORDS, skip, words.length)
    : skip
  let text = markWords(words, start, EXCERPT_WORDS, hits)
  if (start > skip) text = "… " + text
  if (start + EXCERPT_WORDS < words.length) text += " …"

  /* Title words that match a query term get a <mark> too */
  const titleWords = title.split(/\s+/)
  const titleHits = new Set()
  titleWords.forEach((word, i) => {
    const n = norm(word)
    if (terms.some(term => n.startsWith(term))) titleHits.add(i)
  })
  /* A term matched if a word Pagefind located is it, starts with it, or is its stem;
     Pagefind also returns shorter words for a term it cannot find ("not" for "nothingx") */
  const located = [...hits].map(i => norm(words[i] || ""))
  const matched = {}
  for (const term of terms)
    matched[term] = located.some(word => stemMatch(word, term))
  const date = data.meta && data.meta.date ? `<time>${escapeHTML(data.meta.date)}</time> · ` : ""
  return {
    location: fixUrl(data.raw_url || data.url),
    title: markWords(titleWords, 0, titleWords.length, titleHits),
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
  const words = String(data.content || "").split(/\s+/)
  const counts = new Map()
  for (const i of data.locations || []) {
    const word = norm(words[i] || "")
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
    const api = await loadPagefind()
    const words = query.trim().split(/\s+/)
    const kept = words.filter(word => !STOP_WORDS.has(word.toLowerCase()))
    const pfQuery = (kept.length ? kept : words).join(" ")
    if (pfQuery.length < MIN_QUERY) throw new RangeError("short")
    /* The second answer to a query reuses the first one's Pagefind results */
    if (!cache || cache.query !== pfQuery) {
      const found = await api.search(pfQuery)
      cache = { query: pfQuery, results: found && found.results || [] }
    }
    if (!isCurrent()) return null
    const results = cache.results
    more = results.length > limit && limit < MAX_RESULTS
    const data = await Promise.all(results.slice(0, limit).map(result => result.data()))
    best = data[0] || null
    articles = data.map(d => [articleItem(d, terms, 0)])
      .filter(([item]) => Object.values(item.terms).some(Boolean))
  } catch (err) {
    if (!(err instanceof RangeError))
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
