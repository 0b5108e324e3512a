"""Ordered, named cleaning rules: scrape residue out, article text in, every removal recorded.

``clean`` is the second stage (``Decoded -> Cleaned``). Each rule has a name and a reason
(``RULES``, listed on the about page); each removed line becomes a ``Removal`` naming its rule,
so the build report can say why a line disappeared. A rule only fires on a whole line that is
nothing but residue: when unsure, the line stays, because dropping a paragraph of the article
is worse than keeping a stray button label.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from seedsite.byline import looks_like_byline
from seedsite.dates import RELATED_HEADING, is_date_line
from seedsite.model import Cleaned, Decoded, Removal, SeedError
from seedsite.textstats import NO_SPACES, SENTENCE_END, line_words, wordset


class Rule(NamedTuple):
    """One cleaning rule: its name (as in the build report) and why it exists."""

    name: str
    reason: str


RULES: tuple[Rule, ...] = (
    Rule("ad-slot", "banner sizes and ad labels (728 x 90, Advertisement) left where an ad was"),
    Rule("share-button", "share, follow and subscribe buttons (Share on Facebook, Tweet)"),
    Rule("cookie-notice", "cookie-consent and newsletter sign-up notices"),
    Rule("ui-label", "player, gallery and page controls (Show comments, Full screen, Next page)"),
    Rule("counter", "gallery and engagement counters, reading times (1 of 12, 5 min read)"),
    Rule("photo-credit", "a photo credit on its own line (Getty Images, Photo: Jane Doe/AFP)"),
    Rule("image-file", "an image's file name left where the image was (IMG_3886.jpg)"),
    Rule(
        "formula-source",
        "a formula's TeX source, left as its image's alt text ({\\displaystyle …})",
    ),
    Rule("corpus-chrome", "short lines found in many seeds: the site's navigation and footer"),
    Rule("repeated-line", "a line pasted right after itself: an image's alt text, then caption"),
    Rule("gallery", "a slideshow's numbered items (1/50, 2/50 ...), captions and credits"),
    Rule("chart", "a chart's axis ticks and values left as runs of bare figures ($915, 600, ’17)"),
    Rule("breadcrumb", "navigation crumbs above the article (Home > News > World)"),
    Rule("navbox", "a wiki's navigation box: its v t e links, its title and its lists of links"),
    Rule("related-box", "a box of related links inside the article: its heading and link titles"),
    Rule(
        "trailing-block",
        "related lists (titles, teasers, dates, tags), comments and author boxes after the body",
    ),
)
"""The rules in the order they are tried; the first that matches a line names its removal."""


# Lines are matched in a normalized form: casefolded, typographic apostrophes made plain, and
# the decoration scrapers leave around button labels ("- Advertisement -", "[Share]") stripped.
_DECORATION = " \t-–—|•·*►▶»«›‹<>[](){}【】:："

_AD_NETWORK = r"(?:taboola|outbrain|teads|revcontent|zergnet|mgid)"
_AD_SLOT = re.compile(
    r"(?:ad(?:vertisement)?\s+)?\d{2,4}\s*[x×]\s*\d{2,4}(?:\s*px)?"
    r"|advertisements?|advertising|advert|ad|ads (?:by|via) [\w .&'-]{1,30}"
    r"|sponsored(?: content| post| links?| stories)?(?: by)?"
    r"|sponsored by [\w .&'-]{1,40}|promoted(?: content| stories| links)?"
    # The widgets of the ad networks that fill "around the web" boxes.
    rf"|(?:(?:promoted|sponsored|recommended|ads|links|stories|content|inread invented) )*"
    rf"by {_AD_NETWORK}(?: by {_AD_NETWORK})?|{_AD_NETWORK}(?: {_AD_NETWORK})?"
    r"|paid (?:content|post|partner)"
    r"|(?:story|article) continues below(?: advertisement)?|continue reading below"
    r"|scroll (?:down )?to continue(?: with content)?|skip advertisement|remove ads"
    # The same label in the other languages seeds come in.
    r"|publicité|publicidad|anuncio|werbung|anzeige|pubblicità|publicidade|advertentie"
)
# A sponsored teaser: the advertiser's name glued to its title, or in leftover markup
# ("Selling Like CrazySponsored by TrackR", "<span class=x>Sponsored by </span>Babbel").
_SPONSORED_TEASER = re.compile(
    r".{1,120}?(?<=[^\s])(?:sponsored|promoted) by (?:</\w+>)?[\w .&'-]{1,40}"
)
_SHARE_WORDS = wordset(
    "share shares tweet facebook twitter x whatsapp linkedin email e-mail mail print pinterest "
    "reddit telegram messenger sms copy link copy-link pocket flipboard tumblr vk threads "
    "bluesky comment comments save partager imprimer compartir imprimir teilen drucken "
    "condividi stampa partilhar compartilhe compartilhar delen retweet blogthis! sdílet envoyer "
    # Chinese, Japanese and Korean buttons: share (to), forward, favourite, print, comment.
    "分享 分享到 我要分享 转发 收藏 打印 评论 我要评论 微信 微博 二维码 "
    "シェア ツイート 印刷 공유 댓글 "
    # Persian and Arabic: share.
    "اشتراک‌گذاری اشتراک مشاركة شارك"
)
_SHARE = re.compile(
    r"(?:click to )?(?:share|send|email|e-mail|print)(?: this| the)?(?: article| story| post| page"
    r"| video| link)?(?: (?:on|via|with|to) \w[\w+ -]{0,20})?(?: \(opens in new window\)?)?"
    r"|tweet(?: this)?|pin it|copy (?:the )?link|(?:\d+ )?(?:shares|comments)"
    r"|(?:follow|like|join) us(?: on [\w ]{1,30})?|follow @?[\w.]{1,30}(?: on \w+)?"
    r"|subscribe(?: now| today| here| for free)?"
    r"|subscribe to (?:our|the|my) (?:youtube |telegram )?(?:newsletter|channel|podcast|feed|rss)"
    # The same in other languages: "Artikel teilen", "شارك الخبر", "ارسال به دوستان".
    r"|(?:artikel|beitrag) teilen|partager (?:cet |l')article|compartir (?:esta |la )?noticia"
    "|شارك (?:الخبر|المقال)|ارسال به دوستان"
)
_COOKIE = re.compile(
    r"(?:we|this (?:web)?site|our (?:web)?site)(?: and our partners)? uses? cookies\b"
    r"(?=.*\b(?:experience|site|website|brows\w*|consent|accept\w*|privacy|policy"
    r"|personali[sz]\w*|analytics|advertising|ads|content|services?)\b).{0,300}"
    r"|by (?:continuing|using|clicking|browsing)\b.{0,80}\b(?:site|website)\b.{0,120}cookies.{0,80}"
    r"|(?:accept|reject|allow|manage)(?: all)?(?: cookies| cookie settings| preferences)?"
    r"|cookie (?:policy|settings|preferences|notice|consent)|i agree|got it"
    r"|(?:sign up|subscribe|register) (?:for|to) (?:our|the)(?: free| daily| weekly)?"
    r"(?: \w+)? newsletters?.{0,120}"
    r"|get (?:our|the)(?: free| daily| weekly)? newsletters?.{0,120}"
    r"|enter your e-?mail(?: address)?.{0,40}|newsletter(?: sign-?up)?"
    r"|thanks? (?:you )?for (?:signing up|subscribing).{0,80}"
)
# A control's label: a verb of the page (show, view, skip...) and what it acts on, or one of
# the few labels that stand alone. Matched on the normalized line, with the decoration of
# buttons ("More ▾", "Loading...", "Expand comments +") stripped.
_UI_TAIL = " .…!+▾▼▲↓↑→←"
_UI = re.compile(
    r"(?:show|hide|view|see|load|read|expand|collapse|open|close|skip|play|watch|replay|buy"
    r"|download|print|leave|post|add|write|jump to|go to|back to|return to|take me to"
    r"|continue to|click (?:here )?to (?:view|see|read|watch|play))"
    r"(?: (?:all|more|the|this|full|our|your|\d+|[\w'-]+ [\w'-]+|[\w'-]+)){0,2}"
    r" (?:comments?|replies|responses|photos?|images?|pictures?|gallery|galleries|slideshow"
    r"|videos?|ads?|article|story|stories|posts?|profile|discussion|conversation|thread"
    r"|transcript|captions?|pages?|results|details|pdf|print mode|text|top|navigation|search"
    r"|content|homepage|less|more|all|community|reactions)(?: \d+)?"
    r"|reply|undo|done|cancel|next|previous|prev|back|more|less|loading|replay|mute|unmute"
    r"|play ?/ ?pause|pause|volume"
    r"|fullscreen|full screen|exit full ?screen|autoplay|copied|link copied|text size"
    r"|resize text|font size|(?:increase|decrease) (?:text|font)(?: size)?|play video"
    r"|close|caption|more options|listen(?: to (?:this|the) (?:article|story))?"
    # A video player's menus (captions, playback rate, text style).
    r"|captions|subtitles|(?:captions|subtitles|descriptions|chapters) (?:off|on|settings)"
    r"(?:, (?:selected|opens [\w ]{1,30} dialog))?|default, selected|playback rate"
    r"|text edge style|defaults|reset|stream type ?live|watch again|ver novamente|revoir"
    # A wiki page's permanent address under it.
    r"|retrieved from [\"“]?https?://\S+"
    r"|(?:continue|keep) reading"
    r"|read (?:more|now|next|the (?:full |rest of the )?(?:story|article))"
    r"|(?:older|newer|next|previous) (?:post|posts|article|articles|entry|entries|story|page)"
    r"|(?:back|scroll) to top|top of (?:the )?page|wait \d+ seconds? to continue"
    r"|follow|unfollow|following|followed|follow conversation|log ?in|log ?out|sign ?in"
    r"|sign ?out|username|password|embed|reblog|bookmark(?:ed)?|recommended?"
    r"|jump to:? navigation,? (?:jump to )?search|skip to (?:main )?content"
    # The same labels in the other languages seeds come in.
    r"|weiterlesen|mehr lesen|mehr anzeigen|schließen|zurück|weiter|lire la suite|fermer"
    r"|répondre|responder|antworten|rispondi|پاسخ|回复|返信"
    r"|(?:aumentar|diminuir|reduzir|disminuir|reducir) (?:a |el |la )?(?:fonte|letra|fuente)"
    r"|(?:agrandir|réduire) (?:le )?texte|schrift (?:vergrößern|verkleinern)"
    r"|ouvir (?:o )?texto|escuchar (?:el )?(?:artículo|texto)|écouter (?:l'|cet )?article"
    r"|(?:artikel )?(?:vorlesen|anhören)|copiar (?:o )?(?:link|enlace)|copier le lien"
    r"|link kopieren|lien copié"
    # Persian and Arabic: text size, print, the news item's code.
    "|اندازه (?:متن|قلم|فونت)|(?:حجم|تكبير|تصغير) الخط|چاپ|طباعة|ذخیره"
    "|(?:کد|شناسه) (?:خبر|مطلب)\\s*:?\\s*\\d+|(?:رمز|رقم) الخبر\\s*:?\\s*\\d+"
    r"|suivant|précédent|retour|leer más|ver más|cerrar|siguiente|anterior|volver"
    r"|leia mais|ver mais|voltar|fechar|próximo|continua a leggere|chiudi|successivo"
    r"|precedente|meer lezen|sluiten|volgende|vorige|terug"
)
# Counters: a gallery's "3 of 12" or "3/12", a count of comments, claps or photos, and lines of
# nothing but figures (a chart's axis labels: "$915", "’17", "0:46").
_COUNT_NOUN = (
    r"(?:comments?|responses?|replies|claps?|likes?|shares?|views?|reads?|followers?"
    r"|people following|photos?|pictures?|images?|videos?|reactions?|votes?|posters? participating"
    r"|fotos?|bilder|kommentare?|commentaires?|comentarios?|comentários|commenti"
    # Persian and Arabic: comments, views.
    "|دیدگاه|نظر|بازدید|تعليقات?|مشاهدات?)"
)
_COUNTER = re.compile(
    r"\d{1,4} ?(?:of|/|von|de|sur|di|z|van|из) ?\d{1,4}"
    rf"|[\d.,]+[km]? ?{_COUNT_NOUN}|{_COUNT_NOUN} ?\(\d+\)?|no {_COUNT_NOUN}"
    r"|(?:comments?|responses|replies|kommentare?|commentaires?|comentarios?) \d+"
    r"|reader comments|\d+ with \d+ \w+ participating"
    # Reading time: "5 min read", "Temps de lecture : 4 min.", "Lesezeit: 3 Min.",
    # "زمان مطالعه: ۶ دقیقه" (\d reads every script's digits).
    r"|\d{1,3} ?(?:min(?:ute)?s?\.?|minuten) ?(?:read|lesen|de lecture|de lectura|lettura)?"
    r"|(?:reading time|read time|temps de lecture|tiempo de lectura|tempo di lettura"
    r"|tempo de leitura|lesezeit|leestijd|زمان مطالعه|مدت مطالعه|وقت القراءة|阅读时间|読了時間)"
    r" ?[:：]? ?(?:ca\. )?\d{1,3} ?(?:min(?:ute)?s?\.?|minuten|دقیقه|دقائق|分钟|分)?"
)
# Photo agencies: the names credits are made of. Lines are matched casefolded.
_AGENCY = (
    r"(?:getty(?: images)?(?: for [\w .&'-]{1,30})?|afp|reuters|ap|ap photo|associated press"
    r"|epa|epa-efe|efe|pa|pa wire|pa images|rex|rex features|shutterstock|istock(?:photo)?"
    r"|corbis|alamy|dpa|imago(?: images)?|picture[- ]alliance|xinhua|anadolu(?: agency)?"
    r"|zuma(?: press| wire)?|bloomberg|nurphoto|sipa|abaca|ansa|tass|str|wikimedia commons"
    r"|flickr|unsplash|pexels)"
)
# Agencies alone ("Getty Images", "AFP/Getty Images"), or after a photographer
# ("EPA/ANDREW GOMBERT", "Jane Doe/AFP/Getty Images").
_AGENCY_CREDIT = re.compile(rf"{_AGENCY}(?: ?/ ?[\w.'’ -]{{1,40}})?")
_SLASH_CREDIT = re.compile(rf"(?:[\w.'’-]+ ){{0,3}}[\w.'’-]+ ?/ ?{_AGENCY}(?: ?/ ?{_AGENCY})*")
# Labelled: "Photo: Jane Doe", "(Credit: iStock)", "Foto: dpa". After the label, names only
# (see ``_is_credit``): "Photo: Shoppers on Oxford Street" is a caption, and stays.
_CREDIT_LABEL = re.compile(
    r"\(?(?i:photo(?:graph)?s?|pictures?|images?|credits?|photo credit|image credit"
    r"|illustration|foto(?:s|grafie)?|bild|crédits?|crédito|fotografía)\s*:\s*"
    r"(?P<names>[^.!?:()]{1,80})\)?"
)
_AGENCY_WORD = re.compile(rf"{_AGENCY}", re.IGNORECASE)
# Small words a credit's names may hold: "Jane Doe for The Times", "Foto: Ana de la Cruz".
_NAME_JOINS = wordset("via for and & de da del la van von der le of the")
# "Jane Doe/Outlet Name": a person's name (two or three capitalized words), a slash, a source.
_NAME_CREDIT = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,2} ?/ ?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}"
)
# Wikis render a formula as an image whose alt text is its TeX source.
_FORMULA_STARTS = ("{\\displaystyle", "{\\textstyle", "\\displaystyle")
# Icon-font glyphs (private use characters) that buttons keep in front of their label.
_ICONS = re.compile("[\ue000-\uf8ff]")
# An image's file name left where the image was ("IMG_3886.jpg", "logo.png").
_IMAGE_EXTENSIONS = wordset("jpg jpeg png gif webp svg bmp tif tiff avif")
_IMAGE_FILE = re.compile(r"[^\s/\\]{1,80}(?: [^\s/\\]{1,40}){0,5}\.\w{3,4}")
_CRUMB_HOME = wordset("home homepage accueil inicio portada startseite start")
_CRUMB_SPLIT = re.compile(r"\s*[>›»/]\s*")
_CRUMB_ARROW = re.compile(r"[>›»]")
_CRUMB_MARK = re.compile(r"[>›»/]")
_CONTROL_GLYPHS = frozenset("+-−–")
_BUTTON_ROW = re.compile(r"[\s|•·,/:]+")
# A label and its tooltip, the same word: "Twitter :Twitter", "Share: Share".
_DOUBLED_LABEL = re.compile(r"(.{2,40}?) ?: ?\1")
_TRAILING_HEADING = re.compile(
    r"related(?: articles?| stories| posts| news| content| coverage| reading| links| topics)?"
    r"|(?:the )?latest(?: news| stories| articles| posts| headlines| videos)?"
    r"(?: (?:and|&) (?:articles|analysis|features|stories|news))?"
    r"|more (?:news|stories|articles|headlines|from [\w .'-]{1,40}|on this (?:story|topic)"
    r"|like this|in [\w .'-]{1,30})(?: (?:and|&) \w+)?"
    r"|most (?:popular|read|viewed|shared|commented|recent)(?: news| stories| articles| posts"
    r"| this week| today)?"
    r"|read more(?: news| stories| articles| about [\w .'-]{1,40}| on [\w .'-]{1,40})?"
    r"|(?:you|we think you) (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in)"
    r"|recommended(?: for you| stories| articles| reading)?|trending(?: now| stories| news| today)?"
    r"|top (?:stories|news|headlines)|popular(?: posts| stories| articles| now)?"
    r"|editors?'?s? picks?|see also|further reading|also read|don'?t miss|recent posts"
    r"|similar (?:articles|posts|stories)|(?:next up|more) in [\w .'-]{1,30}|more on [\w .'-]{1,40}"
    r"|other people are reading|(?:people|readers) (?:also|who read this also) (?:read|viewed)"
    r"|like this|comments? on this (?:article|story|post)|join the (?:discussion|conversation)"
    r"|share your (?:voice|thoughts|opinion|comments?)|discussion policy|comment policy"
    # A newsletter's box: "Get Example news", "Get Example Magazine delivered to your inbox".
    r"|get (?:the |our )?(?:[\w.'-]+ ){0,3}(?:news|newsletters?|updates)"
    r"|get (?:the |our )?(?:[\w.'-]+ ){1,3}delivered to your inbox"
    r"|leave a (?:comment|reply)|(?:\d+ )?comments?|(?:reader )?(?:comments|responses|discussion)"
    r"|\d+ (?:commentaires?|comentarios?|kommentare?|commenti|comentários)"
    "|\\d+ (?:دیدگاه|نظر|تعليقات?)"
    r"|tags?|topics|categories|hidden categories|filed under|more about|in this article"
    r"|share this (?:story|article|post)|related (?:searches|videos|galleries|tags)"
    r"|comentários|comentarios|commentaires|kommentare|etiquetas|tópicos relacionados|temas"
    r"|comparte tu (?:opinión|comentario)|deja (?:un|tu) comentario|laisser un commentaire"
    r"|réagir|související(?: články)?|関連記事|相关(?:文章|新闻|阅读|推荐)|推荐阅读|延伸阅读"
    r"|schlagwörter|themen|mots-clés"
    r"|(?:à )?lire aussi|sur le même sujet|les plus lus|(?:noticias |artículos )?relacionad[oa]s"
    r"|lo más (?:leído|visto)|te puede interesar|mehr zum thema|meistgelesen|leggi anche"
    r"|i più letti|leia também|mais lidas"
    # Persian and Arabic: related news, tags, keywords, comments, most read.
    "|(?:اخبار|خبرهای|مطالب|مقالات) (?:مرتبط|پیشنهادی)|برچسب(?:\u200c| )?ها"
    "|کلید ?واژه(?:\u200c| )?ها"
    "|نظرات|دیدگاه(?:\u200c| )?ها|پربازدیدترین(?:\u200c| )?ها|آخرین اخبار|بیشتر بخوانید"
    "|(?:أخبار|مقالات|مواضيع) ذات صلة|اقرأ (?:أيضا|أيضاً)|(?:ال)?وسوم|كلمات مفتاحية"
    "|(?:ال)?تعليقات|الأكثر (?:قراءة|مشاهدة)|نظر شما|ارسال نظر|درباره (?:نویسنده|نگارنده)"
    "|عن الكاتب|مقالات أخرى للكاتب|(?:ال)?كلمات المفتاحية|اشتراک در|اشتراک(?:\u200c| )?گذاری"
    r"|(?P<author>about the (?:author|writer|reporter)s?|(?:more )?(?:articles|posts|stories) by"
    r" (?:this|the) author)"
)
# A slideshow item's number: "3/50 Title", "3 of 12".
_GALLERY_NUMBER = re.compile(r"(\d{1,3}) ?(?:/|of) ?(\d{1,3})(?!\S)")
# A slideshow: at least this many numbered items, each at most this many lines after the last
# (a caption and a credit, an alt text). Farther apart, the numbers may be article text.
_GALLERY_MIN_ITEMS = 3
_GALLERY_GAP = 4
# How a line in a trailing block may not end: link titles end bare or with "?", not "." or "!".
_STATEMENT_END = re.compile(r"[.!…。！][\"”’»)\]]*$")
# An author bio opens with the author's name (or a pronoun) and a verb, and says what they do:
# "Jane Doe covers Turkey for the agency." Both, or the line is article text.
_BIO = re.compile(
    r"(?:(?:[A-Z][\w'’.-]*\s+){1,3}|(?:He|She|They)\s+)"
    r"(?:is|was|writes|wrote|covers|has|reports|joined|worked|works|lives|teaches|leads|edits"
    r"|serves)\b"
)
_BIO_WORDS = re.compile(
    r"\b(?:writes?|wrote|covers?|correspondent|reporter|editor|journalist|author|columnist"
    r"|contributor|freelance|blogger|analyst|writer|fellow|professor)\b"
)

# What else a trailing block holds, besides link titles and buttons. Each is a sentence only
# a page's furniture says, so it may sit in the block without making it article text.
# An item's category or tags under its title: 'In "News"', "Posted in News", "Tagged a, b".
_CATEGORY_LINE = re.compile(
    r"in [\"“”'‘«].{1,40}[\"”“'’»]|(?:posted|filed|published) (?:in|under)\b.{1,80}"
    r"|tagged\b.{1,120}|(?:tags?|categories|category|labels?|topics|filed under|etiquetas"
    r"|schlagwörter|mots-clés|temas|tópicos|catégories?|categorías?|kategorien?"
    "|دسته(?:\u200c| )?بندی|التصنيفات?) ?:.{1,120}"
    # A comment's reply button closes it as a category line closes a teaser.
    r"|reply|répondre|responder|antworten|rispondi|پاسخ|رد|回复|返信"
)
# A comment section's furniture: the prompt to log in before commenting, and its policy.
_COMMENT_NOTE = re.compile(
    r"\b(?:log(?:ged)? ?in|sign(?:ed)? ?in|register(?:ed)?)\b.{0,60}"
    r"\bto (?:leave |post |add |write )?(?:an? )?(?:comment|reply"
    r"|join the (?:discussion|conversation))"
    r"|\b(?:comments?|commenters?|commenting)\b.{0,160}\b(?:moderat\w*|polic(?:y|ies)|guidelines"
    r"|respectful|civil|abusive|off-topic|will be (?:removed|deleted)|do not (?:reflect|represent))"
    r"|\b(?:regístrate|inicia sesión|identifícate|connectez-vous|inscrivez-vous|melden sie sich an"
    r"|faça login|entre)\b.{0,40}\b(?:comentar|opinar|commenter|kommentieren)"
    r"|\bopinions expressed (?:in|by) (?:the )?(?:reader |user )?comment"
    r"|\bcomentarios?\b.{0,160}\b(?:polític\w*|respet\w*|eliminad\w*|moderad\w*)"
    r"|\brespetuos\w*\b.{0,100}\b(?:opinar|comentar)"
    r"|\bcommentaires?\b.{0,160}\b(?:modér\w*|charte|supprimé\w*)"
    r"|\bkommentare?\b.{0,160}\b(?:moderiert|richtlinien|netiquette|gelöscht)"
    # A newsletter box's confirmation and promise.
    r"|\b(?:confirm your (?:subscription|e-?mail(?: address)?)|check your (?:inbox|spam))"
    r"|\bwe(?: will|'ll) (?:only|never) (?:send|share|email|sell)\b"
    # The page's own prompts: feedback on the page, an author's contact line.
    r"|\b(?:we(?:'re| are) interested in your (?:feedback|thoughts)|tell us what you think"
    r"|send us (?:your )?feedback|was this (?:article|page|story) helpful)"
    r"|\S@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b"
    # The site's copyright line, and a wire story's end mark.
    r"|©|\bcopyright\b|\ball rights reserved|droits réservés|derechos reservados"
    r"|rechte vorbehalten|diritti riservati|direitos reservados|版权所有"
    "|(?:تمامی|کلیه) حقوق .{0,60}(?:محفوظ|متعلق)|جميع الحقوق محفوظة|انتهای پیام"
)
# Cheap triggers: a line without one of these cannot be a comment note.
_NOTE_TRIGGERS = (
    *("comment", "coment", "kommentar", "@", "feedback", "think", "helpful", "confirm"),
    *("inbox", "spam", "we will", "we'll", "we’ll"),
    *("©", "copyright", "reserv", "vorbehalten", "riservati", "版权", "حقوق", "انتهای"),
)
_NOTE_WORDS = 80
# A teaser's link title may be a long headline.
_TITLE_WORDS = 25
# A chart's residue: lines of a bare figure ("$915", "600", "’17", "13.0%", "billion").
_FIGURE = re.compile(
    r"[-+−]?[$€£¥]?\d[\d.,]*(?: ?(?:%|[kmb]|bn))?|'\d\d|%|(?:b|m|tr)illions?|thousands?|percent"
)
_FIGURE_STARTS = frozenset("$€£¥'+-−%")
_UNITS = wordset("billion billions million millions trillion trillions thousand thousands percent")
# A run of short lines is a chart when it holds at least this many figures, and they are at
# least half its lines: an article's numbers are written in sentences or in wider table rows.
_CHART_FIGURES = 4
_CHART_LINE_WORDS = 4

# A trailing block holds link titles and button labels: short, and not sentences.
_BLOCK_LINE_WORDS = 15
# An author box is a heading and a short bio (sentences): at most this much of it.
_AUTHOR_BOX_LINES = 3
# A box of related links inside the body: its heading, 2 to 8 link titles, then the article.
_BOX_HEADING = re.compile(RELATED_HEADING)  # (matched on the casefolded line)
_BOX_ITEMS = (2, 8)
# A wiki's navigation box opens with its view, talk and edit links: "v", "t", "e".
_NAVBOX_OPENERS = (("v", "t", "e"), ("v t e",), ("v · t · e",), ("vte",))
_NAVBOX_FIRST = frozenset(o[0] for o in _NAVBOX_OPENERS)
_BOX_ITEM_WORDS = 3
_AUTHOR_BOX_WORDS = 120
# A share count glued to a button's label leaves a label of at least this many characters
# ("2x" is no button).
_GLUED_LABEL = 4
_DIGITS = "0123456789"
# The first words of a button that may carry a count (the rest of the label is matched after).
_GLUED_STARTS = _SHARE_WORDS | wordset("click share send email print tweet follow like join pin")
# Ten buttons' worth of text: longer lines are not a row of share buttons.
_BUTTON_ROW_CHARS = 100
# A control's label, a counter, a credit or a file name: at most this many words.
_LABEL_WORDS = 10
_TWO_LABELS_WORDS = 5
# Corpus chrome: short lines only (navigation, footers), seen in enough seeds.
_CHROME_MAX_WORDS = 12
# A line is site chrome when at least this many seeds, and this share of the corpus, have it.
# A site's template repeats on every page it serves, so a site that contributes 5% of the
# corpus is caught; a line that two or three articles happen to share (a recurring subhead, a
# follow-up story reusing a headline) is not, which is the mistake that would cost article
# text. The floor of 3 keeps two seeds from a tiny corpus from erasing each other's lines.
_CHROME_MIN_SEEDS = 3
_CHROME_MIN_SHARE = 0.05


# Lines longer than this are never residue: body paragraphs skip the patterns...
_SHORT_LINE = 160
# ... except cookie notices, which run to a few sentences.
_LONG_NOTICE = 500


def _key(line: str) -> str:
    """A line's corpus-chrome key: casefolded, whitespace collapsed."""
    return " ".join(line.casefold().split())


_words = line_words  # (Chinese and Japanese lines count by their characters)


def _ends(pattern: re.Pattern[str], text: str) -> bool:
    """Whether an end-anchored pattern matches, searching only the last characters.

    (A search for ``...$`` tries every position of the line: on a paragraph, 40 times slower.)
    """
    return pattern.search(text, max(0, len(text) - 12)) is not None


def _is_share(norm: str) -> bool:
    if _SHARE.fullmatch(norm):
        return True
    if norm[0] in _DIGITS or norm[-1] in _DIGITS:
        # A button with its count glued on ("61Click to share on Facebook61", "teilen17").
        label = norm.strip(_DIGITS + " ")
        if (
            len(label) >= _GLUED_LABEL
            and label.partition(" ")[0] in _GLUED_STARTS
            and _is_share(label)
        ):
            return True
    # A button, or a row of them: "Partager", "Share | Tweet | Email", "Facebook Twitter".
    if len(norm) > _BUTTON_ROW_CHARS:
        return False
    if _BUTTON_ROW.split(norm, 1)[0] not in _SHARE_WORDS:  # most lines: the first word says
        return False
    pieces = _BUTTON_ROW.split(norm)
    return len(pieces) <= 10 and all(p in _SHARE_WORDS for p in pieces)


def _is_crumb(text: str) -> bool:
    if not _CRUMB_MARK.search(text):
        return False
    if "<" in text:
        return False  # "By <b>Staff</b>": text that looks like markup, not a trail
    parts = [p for p in _CRUMB_SPLIT.split(text) if p]
    if len(parts) < 2 or any(_words(p) > 4 or SENTENCE_END.search(p) for p in parts):
        return False
    if parts[0].casefold() in _CRUMB_HOME:
        return True
    # "News > World > Europe" is a trail; two parts are a trail only from home: "Profits >
    # Losses at Big Banks" is a headline.
    return len(parts) >= 3 and _CRUMB_ARROW.search(text) is not None


def _undoubled(norm: str) -> str:
    """A label a widget wrote twice ("Sponsored Links Sponsored Links", "Twitter :Twitter"),
    once."""
    half, rest = divmod(len(norm), 2)
    if rest and norm[half] == " " and norm[:half] == norm[half + 1 :]:
        return norm[:half]
    if ":" in norm and (doubled := _DOUBLED_LABEL.fullmatch(norm)):
        return doubled[1]
    return norm


def _is_credit(text: str, norm: str) -> bool:
    """A photo credit: agencies, a name and a source, or a label and names (not a caption)."""
    if _AGENCY_CREDIT.fullmatch(norm) or (
        "/" in text and (_SLASH_CREDIT.fullmatch(norm) or _NAME_CREDIT.fullmatch(text))
    ):
        credit = True
    elif ":" in text and (labelled := _CREDIT_LABEL.fullmatch(text)):
        credit = all(
            word[0].isupper()
            or word[0].isdigit()
            or word.casefold() in _NAME_JOINS
            or _AGENCY_WORD.fullmatch(word)
            for word in labelled["names"].replace("/", " ").split()
        )
    else:
        return False
    # "By Jane Doe/Reuters" is the article's byline.
    return credit and not looks_like_byline(text)


def _two_labels(norm: str) -> bool:
    """Two controls' labels side by side ("Voltar Ver novamente", "Defaults Done")."""
    words = norm.split(" ")
    if not 2 <= len(words) <= _TWO_LABELS_WORDS:
        return False
    return any(
        _UI.fullmatch(" ".join(words[:i])) and _UI.fullmatch(" ".join(words[i:]).rstrip(_UI_TAIL))
        for i in range(1, len(words))
    )


def _label_rule(text: str, key: str, norm: str) -> str | None:
    """The rule for a control's label, a counter, a photo credit or an image's file name."""
    # Labels are a few words: longer lines skip the patterns (most lines of a seed).
    words = norm.count(" ") + 1
    if words > _LABEL_WORDS:
        return None
    if _UI.fullmatch(norm.rstrip(_UI_TAIL)) or _two_labels(norm):
        return "ui-label"
    if _COUNTER.fullmatch(norm):
        return "counter"
    if _is_credit(text, norm):
        return "photo-credit"
    if text.rpartition(".")[2].casefold() in _IMAGE_EXTENSIONS and _IMAGE_FILE.fullmatch(text):
        return "image-file"
    return None


class _Line(NamedTuple):
    """A kept line and what the rules need to know about it, worked out once."""

    number: int
    text: str
    rule: str | None
    """The first context-free rule (ad-slot ... corpus-chrome) that matches the line."""
    prose: bool
    """Reads like a paragraph: long, or a full sentence of some length."""
    heading: re.Match[str] | None
    """A trailing-block heading (``Related Articles``)."""
    crumb: bool
    link_like: bool
    """May sit in a trailing block: short, and not a sentence."""
    figure: bool
    """A bare figure, as a chart's ticks are written (``$915``, ``’17``)."""
    tick: bool
    """Short enough to sit in a chart's run (an axis label, a unit)."""


def _line(number: int, text: str, chrome: frozenset[str]) -> _Line:
    rule, chrome_key, heading, crumb, prose, link_like, figure, tick = _facts(text)
    if rule is None and chrome_key in chrome:
        rule = "corpus-chrome"
    return _Line(number, text, rule, prose, heading, crumb, link_like, figure, tick)


_Facts = tuple[str | None, str | None, re.Match[str] | None, bool, bool, bool, bool, bool]


def _facts(text: str) -> _Facts:
    """A line's context-free rule, corpus-chrome key, heading, crumb, prose and link-like."""
    if len(text) <= _SHORT_LINE:
        return _short_facts(text)
    rule: str | None = None
    if text.startswith(_FORMULA_STARTS):
        rule = "formula-source"
    elif (
        len(text) <= _LONG_NOTICE
        and ("ookie" in text or "ewsletter" in text)
        and _COOKIE.fullmatch(_key(text).replace("’", "'"))
    ):
        rule = "cookie-notice"
    words = text.count(" ") + 1  # body paragraphs: a count without a list of words
    if words < 20 and NO_SPACES.search(text):  # Chinese or Japanese: by characters
        words = line_words(text)
    prose = words >= 20 or (words >= 8 and _ends(SENTENCE_END, text))
    link_like = words <= _BLOCK_LINE_WORDS and not _ends(_STATEMENT_END, text)
    return rule, None, None, False, prose, link_like, False, False


# Short lines recur (a site's navigation, a button under every item of a list): what the rules
# know of one depends on its text alone, so it is worked out once per process.
@lru_cache(maxsize=1 << 14)
def _short_facts(text: str) -> _Facts:
    rule: str | None = None
    chrome_key: str | None = None
    key = _key(text)
    # Matched casefolded, with plain apostrophes and without the decoration scrapers leave
    # around labels ("- Advertisement -", "[Share]", an icon font's glyph).
    norm = _undoubled(_ICONS.sub("", key).replace("’", "'").strip(_DECORATION))
    if text.startswith(_FORMULA_STARTS):
        rule = "formula-source"
    elif len(norm) < 2:
        # One character may be anything (a list's "a", a chart's "x", code's "}", what is left
        # of "[x]"): no rule fires on it alone.
        pass
    elif _AD_SLOT.fullmatch(norm) or (
        "ed by " in norm and _SPONSORED_TEASER.fullmatch(norm) is not None
    ):
        rule = "ad-slot"
    elif _is_share(norm):
        rule = "share-button"
    elif _COOKIE.fullmatch(norm):
        rule = "cookie-notice"
    else:
        rule = _label_rule(text, key, norm)
        chrome_key = key
    words = _words(text)
    prose = words >= 20 or (words >= 8 and _ends(SENTENCE_END, text))
    link_like = words <= _BLOCK_LINE_WORDS and not _ends(_STATEMENT_END, text)
    heading = _TRAILING_HEADING.fullmatch(norm)
    tick = words <= _CHART_LINE_WORDS and link_like
    figure = (
        tick
        and (norm[:1] in _FIGURE_STARTS or norm[:1].isdigit() or norm in _UNITS)
        and _FIGURE.fullmatch(norm) is not None
    )
    return rule, chrome_key, heading, _is_crumb(text), prose, link_like, figure, tick


class _After(NamedTuple):
    """What a trailing heading needs to know of the kept lines after it."""

    kept: int
    words: int
    """Words of the first few lines (enough for an author box)."""
    first: _Line | None


def _trailing_block(lines: list[_Line], body_start: int, removed: dict[int, str]) -> range:
    """Lines of the trailing block: a heading after the body, and all that follows it.

    A heading starts the block when every kept line after it, up to the block found below
    it, may sit in a block (link titles, buttons, notes, teasers: ``_Items``), or when it heads
    an author box (a short bio that opens like one). Lines another rule already removed still
    count: a heading the corpus knows as chrome (``Latest News and Articles``) still heads a
    block, and a share button may sit in one. One walk from the end: a seed of many headings,
    or of author boxes one above the other, costs no more than its length.
    """
    first_head = next(
        (i for i in range(body_start + 1, len(lines)) if lines[i].heading is not None), None
    )
    if first_head is None:
        return range(0)
    tail = len(lines)  # where the block found so far begins
    items = _Items(lines, removed)
    after = _After(0, 0, None)  # the kept lines between the current one and the block
    for index in range(len(lines) - 1, first_head - 1, -1):
        line = lines[index]
        heading = line.heading
        if heading is not None and (items.all or _author_box(heading, after)):
            tail, after = index, _After(0, 0, None)
            items.all = True
            continue
        if line.number in removed:
            items.removed(index)
            continue
        after = _After(
            kept=after.kept + 1,
            # Words matter only to a short author box: no need to count a long tail's.
            words=after.words + (_words(line.text) if after.kept < _AUTHOR_BOX_LINES else 0),
            first=line,
        )
        items.kept(index, first_head)
    return range(tail, len(lines))


def _author_box(heading: re.Match[str], after: _After) -> bool:
    """An author box: its heading, then a short bio that opens like one (a paragraph of the
    article after an "About the author" line is not a bio, and stays)."""
    first = after.first
    return (
        heading.group("author") is not None
        and first is not None
        and _BIO.match(first.text) is not None
        and _BIO_WORDS.search(first.text) is not None
        and after.kept <= _AUTHOR_BOX_LINES
        and after.words <= _AUTHOR_BOX_WORDS
    )


def _is_note(text: str) -> bool:
    """A comment section's login prompt or policy, a feedback prompt, a contact line."""
    if text.count(" ") >= _NOTE_WORDS:
        return False
    folded = text.casefold()
    if not any(trigger in folded for trigger in _NOTE_TRIGGERS):
        return False
    return _COMMENT_NOTE.search(folded.replace("’", "'")) is not None


def _is_category(line: _Line) -> bool:
    return len(line.text) <= _SHORT_LINE and _CATEGORY_LINE.fullmatch(_key(line.text)) is not None


class _Items:
    """Whether every kept line walked so far (from the end) may sit in a trailing block.

    Link titles and buttons (link-like lines), a comment section's notes (``_is_note``), and
    teasers: a sentence under its link title, with the item's category after it ('In "News"',
    "Posted in News", a comment's reply button) within two lines. A paragraph of the article
    after a subheading has no category line under it, and stays.
    """

    def __init__(self, lines: list[_Line], removed: dict[int, str]) -> None:
        self.lines, self.removed_lines = lines, removed
        self.all = True
        self.following: list[int] = []  # the next kept lines, nearest first
        self.title = -1  # a teaser's title, above it: an item whatever its length

    def removed(self, index: int) -> None:
        if _is_category(self.lines[index]):  # a reply button, removed as a control, still
            self.following = [index, *self.following[:1]]  # closes a comment

    def kept(self, index: int, start: int) -> None:
        line, lines = self.lines[index], self.lines
        if self.all and not (index == self.title or line.link_like or _is_note(line.text)):
            above = next(
                (
                    i
                    for i in range(index - 1, start - 1, -1)
                    if lines[i].number not in self.removed_lines
                ),
                -1,
            )
            if above < 0 or not _is_teaser(lines[above], [lines[i] for i in self.following]):
                self.all = False
            else:
                self.title = above
        self.following = [index, *self.following[:1]]


def _is_teaser(title: _Line, following: list[_Line]) -> bool:
    """A sentence under ``title`` is a teaser if a category line comes within two lines."""
    return (
        title.heading is None
        and _words(title.text) <= _TITLE_WORDS
        and not _ends(_STATEMENT_END, title.text)
        and any(_is_category(line) for line in following)
    )


def _charts(lines: list[_Line]) -> Iterable[int]:
    """Indexes of a chart's figures: runs of short lines that are mostly bare figures."""
    start = 0
    figures: list[int] = []
    for index, line in enumerate([*lines, None]):
        if line is not None and line.tick:
            if line.figure:
                figures.append(index)
            continue
        if len(figures) >= _CHART_FIGURES and 2 * len(figures) >= index - start:
            yield from figures
        start, figures = index + 1, []


def _galleries(lines: list[_Line]) -> Iterable[range]:
    """Slideshows: runs of short lines numbered k/N, same N, k rising, close together.

    Everything from the first numbered item to the last is the slideshow (captions and credits
    between the numbers); the last item's caption stays, as nothing marks where it ends.
    """
    start = last = total = number = count = 0
    for index, line in enumerate(lines):
        if not (line.link_like and line.text[0].isdigit()):
            continue
        match = _GALLERY_NUMBER.match(line.text)
        if match is None:
            continue
        k, n = int(match[1]), int(match[2])
        if count and n == total and number < k <= n and index - last <= _GALLERY_GAP + 1:
            last, number, count = index, k, count + 1
            continue
        if count >= _GALLERY_MIN_ITEMS:
            yield range(start, last + 1)
        start, last, total, number, count = index, index, n, k, 1
    if count >= _GALLERY_MIN_ITEMS:
        yield range(start, last + 1)


def _one_pass(lines: list[_Line]) -> dict[int, str]:
    """Every rule over the lines once: the rule removing each removed line, by line number."""
    removed: dict[int, str] = {}
    previous: str | None = None
    figures = 0
    control = False  # the line before was a control's label (or one of its glyphs)
    for line in lines:
        figures += line.figure
        rule = line.rule
        if rule is None and line.text == previous and len(line.text) > 1:
            rule = "repeated-line"
        elif rule is None and control and line.text in _CONTROL_GLYPHS:
            # The buttons under a control's label ("Text size", "+", "-"): one character is
            # residue only there.
            rule = "ui-label"
        control = rule == "ui-label"
        if rule is None:
            previous = line.text
        else:
            removed[line.number] = rule
    for gallery in _galleries(lines):
        for index in gallery:
            removed.setdefault(lines[index].number, "gallery")
    if figures >= _CHART_FIGURES:
        for index in _charts(lines):
            removed.setdefault(lines[index].number, "chart")
    body_start = next(
        (i for i, line in enumerate(lines) if line.prose and line.number not in removed), None
    )
    if body_start is not None:
        for line in lines[:body_start]:
            if line.crumb:
                removed.setdefault(line.number, "breadcrumb")
        for index in _navboxes(lines, body_start):
            removed.setdefault(lines[index].number, "navbox")
        for index in _related_boxes(lines, body_start, removed):
            removed.setdefault(lines[index].number, "related-box")
        for index in _trailing_block(lines, body_start, removed):
            removed.setdefault(lines[index].number, "trailing-block")
    return removed


def _navboxes(lines: list[_Line], body_start: int) -> Iterable[int]:
    """A wiki's navigation boxes: the v t e links, then the box's title, lists of links and
    table rows, up to the next paragraph."""
    index = body_start + 1
    while index < len(lines):
        if lines[index].text not in _NAVBOX_FIRST:  # most lines: one look
            index += 1
            continue
        opener = next(
            (
                o
                for o in _NAVBOX_OPENERS
                if tuple(x.text for x in lines[index : index + len(o)]) == o
            ),
            None,
        )
        if opener is None:
            index += 1
            continue
        end = index + len(opener)
        while (
            end < len(lines)
            and not lines[end].prose
            and (lines[end].link_like or "\t" in lines[end].text)
        ):
            end += 1
        yield from range(index, end)
        index = end


def _related_boxes(lines: list[_Line], body_start: int, removed: dict[int, str]) -> Iterable[int]:
    """Boxes of related links inside the body: a heading, link titles, then the article again.

    Sure only when the article goes on below: at the end it is a trailing block's to judge.
    With one link under the heading it may be a subheading and its section: kept. One walk
    from the end, keeping the lines still there nearest first: boxes one after another go in
    one pass (each box's titles are followed by the article once the box below is gone).
    """
    low, high = _BOX_ITEMS
    below: list[int] = []  # kept lines after the current one, nearest last
    for index in range(len(lines) - 1, body_start, -1):
        line = lines[index]
        if line.number in removed:
            continue
        if line.heading is not None and _BOX_HEADING.fullmatch(_key(line.text).strip(_DECORATION)):
            count = 0
            for i in reversed(below[-(high + 1) :]):
                item = lines[i]
                if not (item.link_like and _words(item.text) >= _BOX_ITEM_WORDS and not item.prose):
                    break
                count += 1
            if (
                low <= count <= high
                and count < len(below)
                and not lines[below[-count - 1]].link_like
            ):
                yield index
                for _ in range(count):
                    yield below.pop()
                continue
        below.append(index)


def clean(decoded: Decoded, chrome: frozenset[str] = frozenset()) -> Cleaned:
    """Remove scrape residue line by line, recording each removal and its rule."""
    lines: list[_Line] = []
    # What the rules know of a line depends on its text only: a seed that repeats a line
    # (a row of buttons under every item of a list) has it worked out once.
    seen: dict[str, _Line] = {}
    for number, raw in enumerate(decoded.text.split("\n"), start=1):
        text = raw.strip()
        if not text:
            continue
        known = seen.get(text)
        if known is None:
            known = seen[text] = _line(number, text, chrome)
        else:
            known = _Line(number, *known[1:])
        lines.append(known)
    removals: list[Removal] = []
    # Removing a line can make others meet the rules (two copies of a caption around an ad
    # slot become adjacent): repeat to a fixed point, so cleaning twice changes nothing.
    while found := _one_pass(lines):
        removals += (Removal(found[x.number], x.number, x.text) for x in lines if x.number in found)
        lines = [x for x in lines if x.number not in found]
    if not lines:
        raise SeedError(decoded.source, "only scrape residue, no article text")
    return Cleaned(
        source=decoded.source,
        lines=tuple((x.number, x.text) for x in lines),
        removals=tuple(sorted(removals, key=lambda r: r.line)),
    )


def chrome_candidates(text: str) -> frozenset[str]:
    """One seed's lines that could be site chrome: short, not sentences, not header metadata,
    and never the line right above its first paragraph (its headline) nor lines of a seed
    with no paragraph at all (its only text)."""
    out: set[str] = set()
    previous = ""
    above: str | None = None  # the last candidate above the first paragraph
    prose = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line == previous:
            # A doubled line is an image caption (alt text, then caption), however often
            # the same caption recurs across seeds.
            out.discard(_key(line))
            continue
        previous = line
        if len(line) > _SHORT_LINE or SENTENCE_END.search(line) or _words(line) > _CHROME_MAX_WORDS:
            if not prose and above is not None:
                # Scraped "Access Denied" pages all share their headline: counted as chrome,
                # it was taken from every one of them, their only headline.
                out.discard(above)
            prose = True
            continue
        # Bylines and date lines recur across a site's seeds, but they are metadata.
        if looks_like_byline(line) or is_date_line(line, None):
            continue
        key = _key(line)
        out.add(key)
        if not prose:
            above = key
    # A seed of short lines only (an error page, a list) would lose its only paragraph.
    return frozenset(out) if prose else frozenset()


def corpus_chrome(candidates: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Lines that many seeds share (see ``_CHROME_MIN_SEEDS`` and ``_CHROME_MIN_SHARE``), from
    each distinct seed's candidates by its sha256: a seed saved twice counts once."""
    counts: Counter[str] = Counter()
    for lines in candidates.values():
        counts.update(lines)
    floor = max(_CHROME_MIN_SEEDS, math.ceil(_CHROME_MIN_SHARE * len(candidates)))
    return frozenset(line for line, count in counts.items() if count >= floor)
