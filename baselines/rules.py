"""Hand-written rules for the six labels, written from corpus/GUIDELINES.md (and checked on the
train and validation splits only). English, German, French and Spanish cue words.

Each line is tried against the rules in order; the first that fires gives its label:
1. lines repeated within the document (a duplicated promo, a repeated menu) keep the label of
   their first occurrence unless they look like body text (and a repeated line that is not a
   teaser ends a block of teasers); cookie notices and copyright lines are `other` whatever
   their length;
2. `other`: cookie notices, ads markers, share strings, captions and photo credits, reading
   times, copyright lines, comment counts, menus of short capitalised items;
3. `promo`: newsletter, subscription, paywall, app and donation cues;
4. `teaser`: "Read more:", "Related", "Most read" and their translations; a heading alone (at
   most 4 words) opens a block whose short lines, list numbers, separators and glued section
   labels (`...timethe week recommends`) are teasers, until a paragraph of prose, an `other`,
   a promo or a repeated non-teaser line ends it; an inline "Read more: <title>" link opens none;
5. `byline`: "By Name" (the name capitalised: "By noon the ..." is not a byline), dates and
   update stamps, author bios ("Jane Doe is a reporter ..." near the end, never a line opening
   with an article such as "The Quillbook has ...");
6. otherwise `body` if the line reads as prose (a terminal punctuation mark or at least 12
   words), else `other`;
7. then promo boxes: a line of at most 35 words between two promo lines (within two lines on
   each side) is promo, and so is a short heading (at most 6 words) right above a promo line;
8. then `title`: of the lines left `other` by default, or taken for prose without a final
   period, before the byline or the first paragraph, the last one that looks like a headline
   (4-25 words, no final period, not a menu of items separated by double spaces, `|` or `·`).
"""

from __future__ import annotations

import re

from boilerbench.document import Document
from boilerbench.prediction import Prediction
from boilerbench.tokenize import tokens

from .interface import Baseline

PATTERNS: dict[str, tuple[str, ...]] = {}
"""Every pattern of every rule, by rule name: a test checks that each fires on at least one line
of the train or validation split (a pattern that fires nowhere there has no business here)."""


def _any(name: str, *patterns: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    PATTERNS[name] = patterns
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


OTHER = _any(
    "other",
    r"\bcookies?\b", r"^\W*(advertisement|anzeige|publicit[ée]|publicidad|sponsored|werbung)\W*$",
    r"^\W*story continues below", r"^\W*(share|teilen|partager|compartir)\b", r"\b(facebook|whatsapp|linkedin)\b",
    r"^\W*(photo|image|foto|bild|picture|illustration)s?\s*(credit)?\s*[:/(]", r"\((photo|image|foto)\b",
    r"^\W*\d+\s*(min|minutes?|minuten?)\s*(read|lesezeit|de lecture|de lectura)?\W*$",
    r"©|\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos",
    r"^\W*\d+\s*(comments?|kommentare?|commentaires?|comentarios?)\W*$",
    r"^\W*(skip to|zum inhalt|aller au contenu|ir al contenido)",
    r"^\W*(home|startseite|accueil|inicio)\s*[›>»/|]", r"^\W*(tags?|topics|themen|sujets|temas)\W*:?\s*$",
    r"\b(impressum|datenschutz|mentions légales|aviso legal|terms of use|privacy (policy|notice))\b",
    r"^\W*(menu|menü|search|suche|rechercher|buscar|sign in|log in|anmelden|se connecter|iniciar sesión)\W*$",
    r"^\W*(reply|antworten|répondre|responder|report|melden)\W*$",
)
STRONG_OTHER = _any(
    "strong_other",
    r"\bcookies?\b.*\b(accept|consent|settings|preferences|partners|akzeptier|einwillig|accepter|consentement|"
    r"aceptar|consentimiento)",
    r"\b(we|wir|nous|usamos|utilizamos|this (site|website))\b.{0,40}"
    r"\b(use|verwenden|nutzen|utilisons|cookies)\b.*cookies",
    r"©|\ball rights reserved\b|\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos",
)
PROMO = _any(
    "promo",
    r"\bnewsletters?\b", r"\bsubscri(be|ption|ber)", r"\bsign (me )?up\b", r"\binbox\b", r"\bunsubscribe\b",
    r"\bfree (articles?|stories) (left|remaining)\b", r"\bsupport (our|independent) journalism\b", r"\bdonat(e|ion)\b",
    r"\bpodcast\b", r"\bfree trial\b", r"\benter your email\b",
    r"\babo(nnieren|nnement|nnez)?\b", r"\babonnés?\b", r"\babonnez-vous\b", r"\bsuscr[ií]b",
    r"\bjetzt (testen|lesen|bestellen)\b", r"\bpremium\b",
    r"\bgot a story\b", r"\b(buy|license) this photo\b", r"\b(your )?e-?mail( address)?\W*$",
    r"\b(e-mail-adresse|adresse e-mail|correo electrónico)\b",
    r"\b(register|listen|sign up|join) (now|today|early)\b",
    r"\bfor \S+ (cents|pence|euros?|dollars?) a (week|month)\b", r"[$€£]\s?\d[\d.,]* (a|per|/) ?(week|month)\b",
    r"\b(sumate|unterstützen sie|soutenez|apoya)\b",
    r"\bmelden sie sich\b.*\ban\b",
    r"\b(application|app)\b.*\b(télécharg|download|herunterladen|descarga)",
)
TEASER_HEAD = _any(
    "teaser_head",
    r"^\W*(read more|related|more from|more on|recommended|most (read|popular|viewed)|trending|you may also like|"
    r"further reading|what to read next|latest|editor'?s picks)\b",
    r"^\W*(lesen sie auch|mehr zum thema|meistgelesen|das könnte sie auch interessieren|weitere artikel)\b",
    r"^\W*(lire aussi|à lire aussi|les plus lus|sur le même sujet|voir aussi)\b",
    r"^\W*(lee también|lea también|te puede interesar|lo más leído|más noticias|relacionad[oa]s?)\b",
)
BYLINE = _any(
    "byline",
    r"^\W*(?i:by|von|par|por)\s+[A-ZÀ-Ý][\w.'-]+(\s+[A-ZÀ-Ý][\w.'-]+)*\W*($|[,|·•]|\s+(?i:and|und|et|y)\s)",
    r"^\W*(?i:updated|published|posted)\b",
    r"\b(?i:aktualisiert|veröffentlicht|publié le|mis à jour|actualizado|publicado)\b",
    r"^\W*(?i:reporting by|additional reporting|edited by|editing by|medically reviewed by)\b",
    r"^\W*\d{1,2}[./ ](\d{1,2}|(?i:[a-zäéû]+))[./ ]\d{2,4}(,? \d{1,2}[:.]\d{2})?\W*$",
    r"^\W*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b",
    flags=0,
)
BIO = re.compile(r"^(?!(The|A|An|This|That|These|Its|It|Our|Der|Die|Das|Ein|Eine|Le|La|Les|Un|Une|El|Los|Las|Una)\b)"
                 r"[A-ZÀ-Ý][\w'-]+( [A-ZÀ-Ý][\w'-]+){1,3} (is an? |was an? |has (been|worked|written|covered|reported)|"
                 r"covers|writes|reports|joined|ist|schreibt|est|écrit|es|escribe)\b")
GLUED = re.compile(r"[a-z0-9’'\"”)][A-Z][a-z]+(?: [A-Z]?[a-z]+){0,3} [A-Z]")
SEPARATOR = re.compile(r"^\W{1,3}$")
LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]?\s")


def _prose(text: str) -> bool:
    words = len(tokens(text))
    return words >= 12 or (words >= 4 and text.rstrip().endswith((".", "!", "?", '."', '.”', "»", ":")))


def _box_member(text: str) -> bool:
    return len(tokens(text)) <= 35


def _headline(text: str) -> bool:
    stripped = text.strip()
    return (4 <= len(tokens(stripped)) <= 25 and not stripped.endswith(".") and "  " not in stripped
            and "|" not in stripped and "·" not in stripped)


class Rules(Baseline):
    name = "rules"
    version = "1"

    def extract(self, document: Document) -> Prediction:
        lines = [line.text for line in document.lines]
        labels: list[str | None] = [None] * len(lines)
        seen: dict[str, str] = {}
        in_teasers = False
        by_default: set[int] = set()
        n = len(lines)
        for i, text in enumerate(lines):
            stripped = text.strip()
            if not stripped:
                continue
            key = stripped.lower()
            label = None
            if key in seen and not _prose(stripped):
                label = seen[key]
                in_teasers = in_teasers and label == "teaser"
            elif STRONG_OTHER.search(stripped):
                label = "other"
                in_teasers = False
            elif TEASER_HEAD.search(stripped):
                label = "teaser"
                # a rail's heading opens a block of teasers; an inline "Read more: <title>" link
                # is one teaser and opens nothing
                in_teasers = len(tokens(stripped)) <= 4
            elif OTHER.search(stripped) and not (_prose(stripped) and len(tokens(stripped)) > 25):
                label = "other"
                in_teasers = False
            elif PROMO.search(stripped) and len(tokens(stripped)) <= 40:
                label = "promo"
                in_teasers = False
            elif BYLINE.search(stripped) and len(tokens(stripped)) <= 25 and not (
                    stripped.endswith(".") and len(tokens(stripped)) >= 8):
                label = "byline"
            elif BIO.search(stripped) and i > n * 0.5 and _prose(stripped):
                label = "byline"
            elif in_teasers and (SEPARATOR.match(stripped) or LIST_NUMBER.match(stripped) or GLUED.search(stripped)
                                 or not stripped.endswith((".", "!", "?"))):
                label = "teaser"
            elif SEPARATOR.match(stripped):
                label = "teaser" if i + 1 < n and GLUED.search(lines[i + 1]) else "other"
                in_teasers = label == "teaser"
            elif GLUED.search(stripped) and not stripped.endswith((".", "!", "?")) and i > n * 0.4:
                label = "teaser"
                in_teasers = True
            elif _prose(stripped):
                label = "body"
                in_teasers = False  # a paragraph of prose ends any block of teasers
            else:
                label = "other"
                by_default.add(i)
            labels[i] = label
            seen.setdefault(key, label)
        self._promo_boxes(lines, labels)
        # the article starts at its byline or first real paragraph; the headline stands above it
        anchor = next((i for i, lab in enumerate(labels) if lab == "byline"
                       or (lab == "body" and lines[i].rstrip().endswith((".", "!", '"', "”", "»")))), n)
        candidates = [i for i in range(anchor) if _headline(lines[i])
                      and (i in by_default or labels[i] == "body")]
        if candidates:
            labels[candidates[-1]] = "title"
        return Prediction(document.id, labels=tuple(labels))

    @staticmethod
    def _promo_boxes(lines: list[str], labels: list[str | None]) -> None:
        promo = [lab == "promo" for lab in labels]
        n = len(lines)
        for i in range(n):
            if labels[i] is None or labels[i] == "promo":
                continue
            before = any(promo[j] for j in range(max(0, i - 2), i))
            after = any(promo[j] for j in range(i + 1, min(n, i + 3)))
            if before and after and _box_member(lines[i]):
                labels[i] = "promo"
            elif (after and i + 1 < n and promo[i + 1] and len(tokens(lines[i])) <= 6
                  and not lines[i].rstrip().endswith((".", ":"))):
                labels[i] = "promo"
