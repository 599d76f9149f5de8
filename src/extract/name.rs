//! People's names: a title followed by capitalized words (`Dr. Ada Okafor`,
//! `Gen. Smith`, `Mayor Tom Ruiz`, `Mr Kennedy`), two to four capitalized
//! words inside a sentence, and later references by surname alone
//! (`Okafor said`).

use std::collections::HashMap;

/// The hasher of the surname map: it is asked at every lone capitalized word.
type Fast = foldhash::fast::FixedState;

use super::with_lowercase;
use crate::config::Lexicons;
use crate::document::Document;
use crate::source::Span;
use crate::swar;

/// A name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameFact {
    pub span: Span,
    /// The title's span, if the name has one (`Dr.`, `Mayor`, `Prime
    /// Minister`).
    pub title: Option<Span>,
    /// The last word of the name (the surname in most English names).
    pub surname: Span,
    /// Whether the context says this is a person: a title, a speech verb
    /// next to it (`Okafor said`, `said Okafor`), or a surname already
    /// known as a person's.
    pub person: bool,
}

/// What [`is_cap_word`] needs to know of an ASCII byte after the first.
const ALLOWED: u8 = 1;
const LOWER: u8 = 2;
const NON_ASCII: u8 = 4;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_lowercase() {
            ALLOWED | LOWER
        } else if c.is_ascii_uppercase() || c == b'-' || c == b'\'' {
            ALLOWED
        } else {
            0
        };
        i += 1;
    }
    t
};

fn is_cap_word(w: &str) -> bool {
    let b = w.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if first < 0x80 {
        if !first.is_ascii_uppercase() {
            return false;
        }
        // The same test on bytes in one pass while every byte is ASCII: a
        // disallowed ASCII char fails the char test as well.
        let mut seen = 0u8;
        for &c in &b[1..] {
            let class = BYTE_CLASS[usize::from(c)];
            if class & (ALLOWED | NON_ASCII) == 0 {
                return false;
            }
            if class & NON_ASCII != 0 {
                return is_cap_word_chars(w);
            }
            seen |= class;
        }
        return seen & LOWER != 0;
    }
    is_cap_word_chars(w)
}

/// [`is_cap_word`] of the capital `w` of `text` (a word starting with an
/// upper-case letter): sixteen bytes at a time when the word is short and
/// ASCII, without a branch per byte.
#[inline(always)]
fn is_cap_at(text: &str, w: Span) -> bool {
    let len = w.end.wrapping_sub(w.start);
    let bytes = text.as_bytes();
    if (2..=16).contains(&len)
        && let Some(b) = sixteen_at(bytes, w.start)
    {
        let v = swar::Sixteen::new(b);
        // Every byte after the first.
        let rest = (u32::MAX << len) as u16 ^ u16::MAX ^ 1;
        // Most capitals are a capital and lower-case letters.
        if b[0].is_ascii_uppercase() && v.in_range(b'a', b'z') & rest == rest {
            return true;
        }
        if v.in_range(b'A', b'Z') & 1 != 0 {
            let allowed = v.letters() | v.equal(b'-') | v.equal(b'\'');
            if allowed & rest == rest {
                return v.in_range(b'a', b'z') & rest != 0;
            }
            // A byte outside ASCII is read as part of a char; an ASCII byte
            // that is not allowed fails the char test as well.
            if v.in_range(1, 0x7f) & rest == rest {
                return false;
            }
        }
    }
    is_cap_word(w.slice(text))
}

fn is_cap_word_chars(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// What the passes ask the lexicons about a word: bits of a word's answers.
/// The answers are asked one by one, each when it is first needed (a word is
/// rarely asked more than one question, and each costs lookups): the bit
/// four places up says an answer is known.
const TITLE: u8 = 1;
const STARTER: u8 = 2;
const VERB: u8 = 4;

/// The lexicons' answers about short words, remembered for as long as the
/// articles share one version of the lexicons: each lookup otherwise
/// lower-cases the word and hashes it, and the same words come back sentence
/// after sentence and article after article. A word of up to fifteen bytes
/// is kept by its bytes packed into a `u128` ([`key_of`]), in a
/// direct-mapped table; the sixteenth byte holds its answers known so far.
///
/// The size of [`Answers`]' table: sixteen bytes a slot, 1 MiB. The words
/// asked about are every neighbour of a capital, tens of thousands of them
/// in a few thousand articles; the slots asked are fetched ahead, so a
/// larger table costs little and keeps more of them.
const SLOTS: usize = 65536;

/// The bits of a slot that hold the word.
const KEY: u128 = (1 << 120) - 1;

/// The table behind [`Answers`], kept per thread between articles while
/// they share one version of the lexicons. A thread keeps the tables of the
/// last [`KEPT`] versions it met (articles under folders with lexicons of
/// their own may alternate); a table is emptied to serve another version
/// only past that.
struct Table {
    /// [`SLOTS`] slots: a word's key ([`KEY`] bits) and its answers above.
    /// An empty slot is zero, which no key is.
    slots: Box<[u128; SLOTS]>,
    /// The [`Lexicons::version`] the answers came from.
    lexicons: u64,
}

/// How many versions' tables a thread keeps.
const KEPT: usize = 4;

/// Gives a table back to this thread's tables, as the latest used.
fn give_back(table: Table) {
    if let Some(before) = LATEST.replace(Some(table)) {
        keep(before);
    }
}

/// Puts a table at the end of [`TABLES`], as the latest used there.
fn keep(table: Table) {
    let mut tables = TABLES.take();
    tables.push(table);
    TABLES.set(tables);
}

thread_local! {
    /// The table used last, apart: the next article asks for the same one
    /// nearly always.
    static LATEST: std::cell::Cell<Option<Table>> = const { std::cell::Cell::new(None) };
    /// The others, the least recently used first.
    static TABLES: std::cell::Cell<Vec<Table>> = const { std::cell::Cell::new(Vec::new()) };
    /// The capitals of the last article and where each sentence's start,
    /// kept for their room.
    static SCRATCH: std::cell::Cell<Vec<Capital>> = const { std::cell::Cell::new(Vec::new()) };
    /// The sentences with capitals of the last article, kept for their
    /// room: each one's index and the range of its capitals.
    static SENTENCES: std::cell::Cell<Vec<(usize, usize, usize)>> = const { std::cell::Cell::new(Vec::new()) };
    /// The references by surname of the last article, kept for their room.
    static REFS: std::cell::Cell<Vec<NameFact>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The bytes of a key of each length: `KEEP[n]` keeps the first `n` bytes
/// of sixteen read little-endian.
const KEEP: [u128; 16] = {
    let mut t = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// The key of the word `w` (a span of `bytes`): its bytes as written,
/// packed little-endian into a `u128`, when it is one to fifteen bytes long
/// (a word has no NUL byte, so no key is zero). Read as one sixteen-byte
/// load where the text goes on sixteen bytes past the word's start, else
/// byte by byte. The answers are the lower-cased word's, so `Said` and
/// `said` each have a slot with the same answers.
#[inline(always)]
fn key_of(bytes: &[u8], w: Span) -> Option<u128> {
    let len = w.end.wrapping_sub(w.start);
    if len.wrapping_sub(1) >= 15 {
        return None;
    }
    if let Some(b) = sixteen_at(bytes, w.start) {
        return Some(u128::from_le_bytes(*b) & KEEP[len]);
    }
    let b = bytes.get(w.start..w.end)?;
    Some(b.iter().rev().fold(0u128, |k, &c| k << 8 | u128::from(c)))
}

/// The sixteen bytes of `bytes` from `start`, if the text goes on that far
/// (two comparisons, where a range of `start..start + 16` costs four).
#[inline(always)]
fn sixteen_at(bytes: &[u8], start: usize) -> Option<&[u8; 16]> {
    bytes.get(start..)?.first_chunk::<16>()
}

/// The slot of the table for `key`.
#[inline(always)]
fn slot_of(key: u128) -> usize {
    let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
}

struct Answers<'l> {
    lex: &'l Lexicons,
    table: Table,
}

impl<'l> Answers<'l> {
    fn new(lex: &'l Lexicons) -> Self {
        let version = lex.version();
        if let Some(latest) = LATEST.take() {
            if latest.lexicons == version {
                return Answers { lex, table: latest };
            }
            keep(latest);
        }
        let mut tables = TABLES.take();
        let table = match tables.iter().position(|t| t.lexicons == version) {
            Some(i) => tables.remove(i),
            None if tables.len() < KEPT => Table {
                slots: vec![0; SLOTS].into_boxed_slice().try_into().expect("SLOTS slots"),
                lexicons: version,
            },
            None => {
                let mut t = tables.remove(0);
                t.slots.fill(0);
                t.lexicons = version;
                t
            }
        };
        TABLES.set(tables);
        Answers { lex, table }
    }

    /// The answer to question `q` about `lower`, a lower-cased word.
    fn lookup(&self, lower: &str, q: u8) -> bool {
        let lex = self.lex;
        let known = lex.known();
        match q {
            TITLE => {
                let hits = lex.hits(lower);
                hits.has(known.titles) || hits.has(known.name_titles)
            }
            STARTER => lex.has(known.sentence_starters, lower) || lower.ends_with("day") || lower.ends_with("ly"),
            _ => lex.has(known.speech_verbs, lower),
        }
    }

    /// Starts loading the slot of word `w` (of `bytes`) into the cache: the
    /// table is cold when an article starts, and the slots asked about are
    /// fetched while the capitals are found, long before the passes ask
    /// them one by one. (Reading the slots there instead costs fewer
    /// instructions, but each read that misses the cache holds up the ones
    /// after it, and the pass ran 10% slower than with prefetches.)
    ///
    /// A word of one to three bytes (`the`, `of`, `Mr`) is not fetched: the
    /// few such words are asked all the time, and their slots stay in the
    /// cache. Nor is a word within sixteen bytes of the text's end.
    #[inline(always)]
    fn prefetch(&self, bytes: &[u8], w: Span) {
        let len = w.end.wrapping_sub(w.start);
        if len.wrapping_sub(4) >= 12 {
            return;
        }
        if let Some(b) = sixteen_at(bytes, w.start) {
            let key = u128::from_le_bytes(*b) & KEEP[len];
            #[cfg(target_arch = "x86_64")]
            safe_arch::prefetch_t0(&self.table.slots[slot_of(key)]);
            #[cfg(not(target_arch = "x86_64"))]
            let _ = slot_of(key);
        }
    }

    /// The answer to question `q` about word `w` of `text`, from the table
    /// when it is there.
    #[inline(always)]
    fn ask(&mut self, text: &str, w: Span, q: u8) -> bool {
        let Some(key) = key_of(text.as_bytes(), w) else {
            return self.ask_lexicons(text, w, q);
        };
        let slot = slot_of(key);
        let e = self.table.slots[slot];
        let flags = (e >> 120) as u8;
        if e & KEY == key && flags & (q << 4) != 0 {
            return flags & q != 0;
        }
        self.fill(text, w, q, key, slot)
    }

    /// [`Answers::ask`] without the table: a word longer than fifteen bytes,
    /// or empty.
    #[cold]
    #[inline(never)]
    fn ask_lexicons(&self, text: &str, w: Span, q: u8) -> bool {
        with_lowercase(w.slice(text), |lower| self.lookup(lower, q))
    }

    /// [`Answers::ask`] when the table does not know: asks the lexicons and
    /// keeps the answer in the word's slot.
    #[inline(never)]
    fn fill(&mut self, text: &str, w: Span, q: u8, key: u128, slot: usize) -> bool {
        let e = self.table.slots[slot];
        let flags = if e & KEY == key { (e >> 120) as u8 } else { 0 };
        // An ASCII word is lower-cased from its key.
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let answer = if (lo | hi) & swar::HIGH == 0 {
            let (up_lo, up_hi) = (swar::in_range(lo, b'A', b'Z'), swar::in_range(hi, b'A', b'Z'));
            if up_lo | up_hi == 0 {
                self.lookup(w.slice(text), q)
            } else {
                let lower = (u128::from(lo | up_lo >> 2) | u128::from(hi | up_hi >> 2) << 64).to_le_bytes();
                match std::str::from_utf8(&lower[..w.len()]) {
                    Ok(lower) => self.lookup(lower, q),
                    Err(_) => self.ask_lexicons(text, w, q),
                }
            }
        } else {
            self.ask_lexicons(text, w, q)
        };
        let flags = flags | q << 4 | if answer { q } else { 0 };
        self.table.slots[slot] = key | u128::from(flags) << 120;
        answer
    }

    #[inline(always)]
    fn verb(&mut self, text: &str, w: Option<Span>) -> bool {
        w.is_some_and(|w| self.ask(text, w, VERB))
    }
}

/// Speech verbs asked through the names' table of answers: the quotations'
/// attributions ask about the same words.
pub(super) struct SpeechVerbs<'l>(Answers<'l>);

impl<'l> SpeechVerbs<'l> {
    pub(super) fn new(lex: &'l Lexicons) -> Self {
        SpeechVerbs(Answers::new(lex))
    }

    /// Whether word `w` of `text`, lower-cased, is in the `speech-verbs`
    /// lexicon.
    #[inline]
    pub(super) fn is(&mut self, text: &str, w: Span) -> bool {
        self.0.ask(text, w, VERB)
    }

    /// Whether word `w` of `text` commonly starts sentences: lower-cased,
    /// it is in the `sentence-starters` lexicon or ends in `day` or `ly`.
    #[inline]
    pub(super) fn starts_sentences(&mut self, text: &str, w: Span) -> bool {
        self.0.ask(text, w, STARTER)
    }

    /// Hands the table back for the next pass on this thread.
    pub(super) fn done(self) {
        give_back(self.0.table);
    }
}

/// A word starting with a capital, the only words that can start a name or
/// be a surname alone.
/// Eight bytes: the word itself is its sentence's word `idx`.
struct Capital {
    /// Its index among its sentence's words.
    idx: u32,
    /// [`is_cap_word`].
    cap: bool,
    /// Its answers known so far, as in the table: the bit four places above
    /// an answer's says it is known.
    answers: u8,
}

impl Capital {
    /// The capital's word, from its sentence's `words`.
    #[inline(always)]
    fn word(&self, words: &[Span]) -> Span {
        words[self.idx as usize]
    }
}

/// The answer to question `q` about capital `c` (of a sentence of
/// `words`), asked once.
#[inline(always)]
fn answer_of(answers: &mut Answers<'_>, text: &str, words: &[Span], c: &mut Capital, q: u8) -> bool {
    if c.answers & (q << 4) == 0 {
        let yes = answers.ask(text, c.word(words), q);
        c.answers |= q << 4 | if yes { q } else { 0 };
    }
    c.answers & q != 0
}

/// A title: an abbreviation with its period (`Dr.`, `Gen.`), a British
/// title without one (`Mr Kennedy`), or a rank word (`Mayor`). Asked only
/// of capitals, which start with an upper-case letter.
#[inline(always)]
fn title_of(answers: &mut Answers<'_>, text: &str, words: &[Span], c: &mut Capital) -> bool {
    answer_of(answers, text, words, c, TITLE)
}

/// Whether capital `c` is capitalized because it starts a sentence, not
/// because it is a name (`Yesterday`, `Later`, `Officials`), asked once.
#[inline(always)]
fn starter_of(answers: &mut Answers<'_>, text: &str, words: &[Span], c: &mut Capital) -> bool {
    answer_of(answers, text, words, c, STARTER)
}

/// Calls `f` with the index of each of `words` that starts with an
/// upper-case letter, in order. The first bytes are read 64 words at a time
/// into a bitset, without a branch per word: capitals come irregularly, and
/// a branch on each word was mispredicted often.
///
/// `ahead` is given each block of up to 64 words first, with the bits of
/// those that may start with a capital (a first byte outside ASCII counts).
fn capitals_of(text: &str, words: &[Span], mut ahead: impl FnMut(usize, &[Span], u64), mut f: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    for (c, chunk) in words.chunks(64).enumerate() {
        let bit = |w: &Span| u64::from(MAY_START_CAPITAL[usize::from(bytes[w.start])]);
        // Eight words at a time, unrolled, then the rest.
        let mut eights = chunk.chunks_exact(8);
        let mut maybe = 0u64;
        for (g, e) in eights.by_ref().enumerate() {
            let m = bit(&e[0])
                | bit(&e[1]) << 1
                | bit(&e[2]) << 2
                | bit(&e[3]) << 3
                | bit(&e[4]) << 4
                | bit(&e[5]) << 5
                | bit(&e[6]) << 6
                | bit(&e[7]) << 7;
            maybe |= m << (8 * g);
        }
        // The rest, last first, each shifting the ones after it up.
        let rest = eights.remainder().iter().rev().fold(0, |m, w| m << 1 | bit(w));
        // (A full chunk has no rest, and no room to shift it in.)
        maybe |= rest.checked_shl((chunk.len() & !7) as u32).unwrap_or(0);
        ahead(c * 64, chunk, maybe);
        while maybe != 0 {
            let k = maybe.trailing_zeros() as usize;
            maybe &= maybe - 1;
            // A first letter that is not ASCII is asked char by char.
            let start = chunk[k].start;
            if bytes[start] < 0x80 || text[start..].starts_with(char::is_uppercase) {
                f(c * 64 + k);
            }
        }
    }
}

/// The first bytes of a word that may start with an upper-case letter: an
/// ASCII capital, or the first byte of a char outside ASCII.
const MAY_START_CAPITAL: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i >= 0x80 || (i as u8).is_ascii_uppercase()) as u8;
        i += 1;
    }
    t
};

/// The surnames of an article's names, each with whether one of its names
/// is a person's. Most lone capitals asked about are no known surname: a
/// 128-bit filter of the surnames' first and last bytes and lengths turns
/// nearly all of them away. A word that gets past it is looked for among
/// the names themselves when they are few (a dozen in most articles), else
/// in a map built the first time it is needed.
struct Known<'t, 'n> {
    filter: [u64; FILTER_WORDS],
    names: &'n [NameFact],
    text: &'t [u8],
    map: Option<HashMap<&'t [u8], bool, Fast>>,
}

/// The most names [`Known::get`] scans without a map.
const SCANNED: usize = 64;

/// The size of [`Known::filter`] in words: 1,024 bits, so that a lone
/// capital gets past it for a few percent of articles' dozens of surnames.
const FILTER_WORDS: usize = 16;

impl<'t, 'n> Known<'t, 'n> {
    fn new(text: &'t str, names: &'n [NameFact]) -> Self {
        let text = text.as_bytes();
        let mut filter = [0; FILTER_WORDS];
        for n in names {
            let bit = Known::bit(&text[n.surname.start..n.surname.end]);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Known {
            filter,
            names,
            text,
            map: None,
        }
    }

    /// The bit of [`Known::filter`] for `w`.
    #[inline(always)]
    fn bit(w: &[u8]) -> usize {
        let (first, last) = (w.first().copied().unwrap_or(0), w.last().copied().unwrap_or(0));
        let h = (u32::from(first) << 8 | u32::from(last)) ^ (w.len() as u32) << 16;
        (h.wrapping_mul(0x9e37_79b9) >> (32 - (FILTER_WORDS * 64).trailing_zeros())) as usize
    }

    #[inline(always)]
    fn get(&mut self, word: &[u8]) -> Option<bool> {
        let bit = Known::bit(word);
        if self.filter[bit / 64] & 1 << (bit % 64) == 0 {
            return None;
        }
        self.look_up(word)
    }

    /// [`Known::get`] past the filter.
    fn look_up(&mut self, word: &[u8]) -> Option<bool> {
        let (text, names) = (self.text, self.names);
        if names.len() <= SCANNED {
            return names
                .iter()
                .filter(|n| n.surname.len() == word.len() && &text[n.surname.start..n.surname.end] == word)
                .fold(None, |known, n| Some(known.unwrap_or(false) | n.person));
        }
        let map = self.map.get_or_insert_with(|| {
            let mut map: HashMap<&[u8], bool, Fast> = HashMap::default();
            for n in names {
                *map.entry(&text[n.surname.start..n.surname.end]).or_insert(false) |= n.person;
            }
            map
        });
        map.get(word).copied()
    }
}

/// Lists every sentence's capitals in `caps`, and in `sentences` each
/// sentence with capitals: its index and the range of its capitals. Apart
/// from the passes over them, so that its loop has the registers to itself.
#[inline(never)]
fn collect_capitals(
    doc: &Document,
    answers: &Answers<'_>,
    caps: &mut Vec<Capital>,
    sentences: &mut Vec<(usize, usize, usize)>,
) {
    let text = doc.mask();
    let bytes = text.as_bytes();
    for i in 0..doc.sentences.len() {
        let words = doc.sentence_words(i);
        let a = caps.len();
        // The slots the passes below may ask about, fetched while the
        // sentence's words are at hand and long before they are asked: a
        // capital in a run of capitals (a title? a starter?), a sentence's
        // first word (a starter?), and the words on either side of a run or
        // a lone capital (speech verbs?). They are told from the bits of
        // the words that may start with a capital, 64 words at a time
        // without a branch per word (a guess only steers the fetching).
        let ahead = |base: usize, chunk: &[Span], maybe: u64| {
            let (preceded, followed) = (maybe << 1, maybe >> 1);
            let first = u64::from(base == 0);
            let own = maybe & (preceded | followed | first);
            let after = (maybe & !followed) << 1;
            let before = (maybe & !preceded) >> 1;
            let mut fetch = (own | after | before) & (u64::MAX >> (64 - chunk.len()));
            while fetch != 0 {
                let k = fetch.trailing_zeros() as usize;
                fetch &= fetch - 1;
                answers.prefetch(bytes, chunk[k]);
            }
        };
        capitals_of(text, words, ahead, |idx| {
            let cap = is_cap_at(text, words[idx]);
            caps.push(Capital {
                // A sentence is shorter than the largest file read.
                idx: idx as u32,
                cap,
                answers: 0,
            });
        });
        if caps.len() > a {
            sentences.push((i, a, caps.len()));
        }
    }
}

/// Finds names sentence by sentence, then single-word references.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
    let text = doc.mask();
    // Only words starting with a capital can start a name or be a surname
    // alone: both passes walk those, and look at their neighbours. The
    // list of capitals is kept by the thread for the next article, and so
    // is the list of the sentences with capitals.
    let mut caps = SCRATCH.take();
    caps.clear();
    // Each sentence with capitals: its index and the range of its capitals.
    let mut sentences = SENTENCES.take();
    sentences.clear();
    let answers = Answers::new(lex);
    collect_capitals(doc, &answers, &mut caps, &mut sentences);
    let bytes = text.as_bytes();
    // A name holds at least one capital, and a capital is in one name at
    // most.
    let mut out = Vec::with_capacity(caps.len());
    let mut answers = answers;
    for &(i, a, b) in &sentences {
        let words = doc.sentence_words(i);
        // A name needs two capitals: a title and a word, or two words.
        if b - a < 2 {
            continue;
        }
        // Whether capital `j` is the word right after capital `j - 1`.
        let follows = |caps: &[Capital], j: usize| j < b && caps[j].idx == caps[j - 1].idx + 1;
        let mut i = a;
        while i < b {
            // A capital followed by a word without one starts nothing: a
            // title needs a capitalized word after it, and a name without
            // one two capitalized words.
            if !follows(&caps, i + 1) {
                i += 1;
                continue;
            }
            // Titles, possibly several words (`Prime Minister`).
            let mut t = i;
            while t - i < 3 && (t == i || follows(&caps, t)) && title_of(&mut answers, text, words, &mut caps[t]) {
                t += 1;
            }
            let is_title = t > i;
            let mut start = t;
            let mut end = start;
            while end - start < 4
                && (end == i || follows(&caps, end))
                && caps[end].cap
                && !(end > start && title_of(&mut answers, text, words, &mut caps[end]))
            {
                end += 1;
            }
            // A capital at the start of a sentence says nothing: drop a first
            // word that commonly starts sentences (`Yesterday Ada Okafor`).
            let mut dropped = false;
            if caps[i].idx == 0
                && !is_title
                && end - start >= 2
                && starter_of(&mut answers, text, words, &mut caps[start])
            {
                start += 1;
                dropped = true;
            }
            let count = end.saturating_sub(start);
            // A sentence's first word is capitalized anyway; without a title
            // it needs a capitalized word after it to count.
            let enough = if is_title { count >= 1 } else { count >= 2 };
            if enough {
                let last = &caps[end - 1];
                // A title says it is a person: the verbs are asked only
                // without one, and the word before only without a verb after.
                let person = is_title || answers.verb(text, words.get(last.idx as usize + 1).copied()) || {
                    if dropped {
                        answer_of(&mut answers, text, words, &mut caps[start - 1], VERB)
                    } else {
                        let before = caps[i].idx.checked_sub(1).map(|p| words[p as usize]);
                        answers.verb(text, before)
                    }
                };
                let last = &caps[end - 1];
                out.push(NameFact {
                    span: caps[start].word(words).to(last.word(words)),
                    title: is_title.then(|| caps[i].word(words).to(caps[t - 1].word(words))),
                    surname: last.word(words),
                    person,
                });
                i = end;
            } else {
                i = if is_title { t } else { i + 1 };
            }
        }
    }
    // Later references by surname: a lone capitalized word that is a known
    // person's surname, or that a speech verb attributes words to.
    let mut known = Known::new(text, &out);
    // Spans in document order (the pass above walks sentences in order and
    // never overlaps). The capitals come in order too, so the first span
    // ending after a capital's start is found by moving forward; a capital
    // before the last one (sentences out of order) searches afresh.
    let covered = &out;
    let mut at = 0;
    let mut last_start = 0;
    let mut is_covered = |w: Span| {
        if w.start < last_start {
            at = covered.partition_point(|c| c.span.end <= w.start);
        }
        last_start = w.start;
        while covered.get(at).is_some_and(|c| c.span.end <= w.start) {
            at += 1;
        }
        covered
            .get(at)
            .is_some_and(|c| c.span.start <= w.start && w.end <= c.span.end)
    };
    let mut refs = REFS.take();
    refs.clear();
    for &(i, a, b) in &sentences {
        let words = doc.sentence_words(i);
        for j in a..b {
            let (idx, cap) = (caps[j].idx, caps[j].cap);
            if !cap {
                continue;
            }
            // A capitalized word next to it makes it part of a longer name,
            // unless that word is a sentence's first that starts sentences.
            if j + 1 < b && caps[j + 1].idx == idx + 1 && caps[j + 1].cap {
                continue;
            }
            if j > a && caps[j - 1].idx + 1 == idx && caps[j - 1].cap && {
                let p = &mut caps[j - 1];
                !(p.idx == 0 && starter_of(&mut answers, text, words, p))
            } {
                continue;
            }
            let w = words[idx as usize];
            if is_covered(w) {
                continue;
            }
            if idx == 0 && starter_of(&mut answers, text, words, &mut caps[j]) {
                continue;
            }
            let known_person = known.get(&bytes[w.start..w.end]);
            let person = known_person == Some(true) || {
                let prev = idx.checked_sub(1).map(|p| words[p as usize]);
                let verb_near = answers.verb(text, words.get(idx as usize + 1).copied()) || answers.verb(text, prev);
                if known_person.is_none() && !verb_near {
                    continue;
                }
                verb_near
            };
            refs.push(NameFact {
                span: w,
                title: None,
                surname: w,
                person,
            });
        }
    }
    // The table and the lists serve the next article on this thread.
    give_back(answers.table);
    SCRATCH.set(caps);
    SENTENCES.set(sentences);
    merge_refs(&mut out, &refs);
    REFS.set(refs);
    out
}

/// Adds the references by surname `refs` to the names `out`, in order of
/// their starts, as a stable sort of both lists together would: when both
/// lists are in order (sentences in order), merged from the back in place,
/// without the sort's buffer.
fn merge_refs(out: &mut Vec<NameFact>, refs: &[NameFact]) {
    let start = |n: &NameFact| n.span.start;
    if refs.is_empty() && out.is_sorted_by_key(start) {
        return;
    }
    if !out.is_sorted_by_key(start) || !refs.is_sorted_by_key(start) {
        out.extend_from_slice(refs);
        out.sort_by_key(start);
        return;
    }
    let named = out.len();
    let Some(last) = refs.last() else { return };
    out.resize(named + refs.len(), last.clone());
    // From the back: the later of the two lists' last items goes last; on
    // a tie the reference, which the stable sort keeps after the name.
    let (mut i, mut j) = (named, refs.len());
    for k in (0..out.len()).rev() {
        if j == 0 {
            break;
        }
        if i > 0 && start(&out[i - 1]) > start(&refs[j - 1]) {
            out[k] = out[i - 1].clone();
            i -= 1;
        } else {
            out[k] = refs[j - 1].clone();
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    fn names(text: &str) -> Vec<(String, bool)> {
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), &lex);
        extract(&doc, &lex)
            .iter()
            .map(|n| (n.span.slice(text).to_string(), n.person))
            .collect()
    }

    proptest::proptest! {
        /// The bitset finds exactly the words that start with a capital, on
        /// both sides of every 64-word block.
        #[test]
        fn capitals_are_the_words_starting_upper_case(text in "([A-Za-z]{1,4}|Éa|éa|ǅa|[0-9]| ){0,400}") {
            let lex = Lexicons::default_set();
            let d = Document::parse(SourceFile::new("t.txt", text.as_str()), &ParseOptions::default(), &lex);
            let text = d.mask();
            let words: Vec<Span> = d.words(Span::new(0, text.len())).collect();
            let want: Vec<usize> = words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.slice(text).starts_with(char::is_uppercase))
                .map(|(k, _)| k)
                .collect();
            let mut got = Vec::new();
            capitals_of(text, &words, |_, _, _| {}, |k| got.push(k));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        /// The sixteen-byte tests agree with the byte-by-byte ones on every
        /// capital, whether the text goes on past it (two loads) or ends
        /// within sixteen bytes (the byte loop).
        #[test]
        fn word_tests_agree_with_the_byte_loops(
            text in "([A-Z][A-Za-z'\\-é.’]{0,17}|[a-z]{1,3}| |Ǆa|\u{212a}a){0,12}"
        ) {
            let lex = Lexicons::default_set();
            let d = Document::parse(SourceFile::new("t.txt", text.as_str()), &ParseOptions::default(), &lex);
            let text = d.mask();
            for w in d.words(Span::new(0, text.len())) {
                let word = w.slice(text);
                if word.starts_with(char::is_uppercase) {
                    proptest::prop_assert_eq!(is_cap_at(text, w), is_cap_word(word), "{}", word);
                }
                let want = (1..=15)
                    .contains(&word.len())
                    .then(|| word.bytes().rev().fold(0u128, |k, c| k << 8 | u128::from(c)));
                proptest::prop_assert_eq!(key_of(text.as_bytes(), w), want, "{}", word);
            }
        }
    }

    #[test]
    fn known_surnames_pass_the_filter() {
        let mut text = String::new();
        let mut names = Vec::new();
        for i in 0..80 {
            let start = text.len();
            text.push_str(&format!("Name{} ", i % 50));
            let span = Span::new(start, text.len() - 1);
            names.push(NameFact {
                span,
                title: None,
                surname: span,
                person: i % 7 == 0,
            });
        }
        let mut want: HashMap<&str, bool> = HashMap::new();
        for n in &names {
            *want.entry(n.surname.slice(&text)).or_insert(false) |= n.person;
        }
        let mut known = Known::new(&text, &names);
        assert_eq!(known.get(b"Other"), None);
        for (w, p) in &want {
            assert_eq!(known.get(w.as_bytes()), Some(*p), "{w}");
        }
        assert!(known.map.is_some());
        // A short list leaves most of the filter clear, and is scanned.
        let mut few = Known::new(&text, &names[..3]);
        assert!(few.filter.iter().map(|f| f.count_ones()).sum::<u32>() <= 3);
        assert_eq!(few.get(b"Brown"), None);
        assert_eq!(few.get(b"Name0"), Some(true));
        assert_eq!(few.get(b"Name1"), Some(false));
        assert_eq!(few.get(b"Name3"), None);
        assert!(few.map.is_none());
    }

    #[test]
    fn answers_follow_the_lexicons_of_each_article() {
        let text = "Reporters waited as Volkonski zorbled.";
        let found = |lex: &Lexicons| {
            let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), lex);
            extract(&doc, lex).len()
        };
        // More versions than a thread keeps tables for, asked in turn.
        let lexicons: Vec<Lexicons> = (0..KEPT + 2)
            .map(|k| {
                let mut lex = Lexicons::default_set();
                if k % 2 == 1 {
                    lex.extend("speech-verbs", ["zorbled".to_string()]);
                }
                lex
            })
            .collect();
        for _ in 0..3 {
            for (k, lex) in lexicons.iter().enumerate() {
                assert_eq!(found(lex), k % 2, "lexicons {k}");
            }
        }
    }

    #[test]
    fn finds_titled_and_plain_names() {
        let got = names("Yesterday Dr. Ada Okafor met Murat Papazyan in town. Yesterday Ada Okafor left.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Ada Okafor", "Murat Papazyan", "Ada Okafor"]);
        assert!(got[0].1);
    }

    #[test]
    fn titles_without_periods_and_ranks() {
        let got = names("Mr Kennedy met Mayor Tom Ruiz and Prime Minister Ada Okafor.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Kennedy", "Tom Ruiz", "Ada Okafor"]);
        assert!(got.iter().all(|(_, p)| *p));
    }

    #[test]
    fn later_references_by_surname() {
        let got = names("Dr. Ada Okafor arrived. Reporters waited for Okafor. Later Volkonski said no.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Ada Okafor", "Okafor", "Volkonski"]);
        assert!(got.iter().all(|(_, p)| *p));
    }

    fn is_title_at(text: &str, w: Span, lex: &Lexicons) -> bool {
        let word = w.slice(text);
        word.starts_with(char::is_uppercase)
            && with_lowercase(word, |lower| {
                lex.contains("titles", lower) || lex.contains("name-titles", lower)
            })
    }

    fn is_speech_verb(text: &str, w: Option<Span>, lex: &Lexicons) -> bool {
        w.is_some_and(|w| with_lowercase(w.slice(text), |lower| lex.contains("speech-verbs", lower)))
    }

    /// A word that is capitalized because it starts a sentence, not because it
    /// is a name: `Yesterday`, `Later`, `Officials`.
    fn starts_sentences(word: &str, lex: &Lexicons) -> bool {
        with_lowercase(word, |lower| {
            lex.contains("sentence-starters", lower) || lower.ends_with("day") || lower.ends_with("ly")
        })
    }

    /// The word-by-word pass this module had before it skipped to capitals.
    fn reference_extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
        let text = doc.mask();
        let mut out = Vec::new();
        // Every sentence's words in one buffer, and each sentence's range in it.
        let mut all_words: Vec<Span> = Vec::new();
        let mut sentence_words: Vec<std::ops::Range<usize>> = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let first = all_words.len();
            all_words.extend(doc.words(s.span));
            let words = &all_words[first..];
            let mut k = 0;
            while k < words.len() {
                // Titles, possibly several words (`Prime Minister`).
                let mut t = k;
                while t < words.len() && t - k < 3 && is_title_at(text, words[t], lex) {
                    t += 1;
                }
                let is_title = t > k;
                let start = t;
                let mut end = start;
                while end < words.len()
                    && end - start < 4
                    && is_cap_word(words[end].slice(text))
                    && !(end > start && is_title_at(text, words[end], lex))
                {
                    end += 1;
                }
                // A capital at the start of a sentence says nothing: drop a first
                // word that commonly starts sentences (`Yesterday Ada Okafor`).
                let start = if k == 0 && !is_title && end - start >= 2 {
                    if starts_sentences(words[start].slice(text), lex) {
                        start + 1
                    } else {
                        start
                    }
                } else {
                    start
                };
                let count = end.saturating_sub(start);
                // A sentence's first word is capitalized anyway; without a title
                // it needs a capitalized word after it to count.
                let enough = if is_title { count >= 1 } else { count >= 2 };
                if enough {
                    let verb_after = is_speech_verb(text, words.get(end).copied(), lex);
                    let verb_before = start > 0 && is_speech_verb(text, words.get(start - 1).copied(), lex);
                    out.push(NameFact {
                        span: words[start].to(words[end - 1]),
                        title: is_title.then(|| words[k].to(words[t - 1])),
                        surname: words[end - 1],
                        person: is_title || verb_after || verb_before,
                    });
                    k = end;
                } else {
                    k = if is_title { t } else { k + 1 };
                }
            }
            sentence_words.push(first..all_words.len());
        }
        // Later references by surname: a lone capitalized word that is a known
        // person's surname, or that a speech verb attributes words to.
        let mut known: HashMap<&str, bool> = HashMap::new();
        for n in &out {
            let e = known.entry(n.surname.slice(text)).or_insert(false);
            *e |= n.person;
        }
        // Spans in document order (the pass above walks sentences in order and
        // never overlaps), searched by binary search to stay linear.
        let covered: Vec<Span> = out.iter().map(|n| n.span).collect();
        let is_covered = |w: Span| {
            let i = covered.partition_point(|c| c.end <= w.start);
            covered.get(i).is_some_and(|c| c.start <= w.start && w.end <= c.end)
        };
        let mut refs = Vec::new();
        for range in sentence_words {
            let words = &all_words[range];
            for (k, w) in words.iter().enumerate() {
                let word = w.slice(text);
                if !is_cap_word(word) || is_covered(*w) {
                    continue;
                }
                let neighbour_cap = |j: Option<usize>| {
                    j.and_then(|j| words.get(j).map(|n| (j, n))).is_some_and(|(j, n)| {
                        is_cap_word(n.slice(text)) && !(j == 0 && starts_sentences(n.slice(text), lex))
                    })
                };
                if neighbour_cap(k.checked_sub(1)) || neighbour_cap(Some(k + 1)) {
                    continue;
                }
                let verb_after = is_speech_verb(text, words.get(k + 1).copied(), lex);
                let verb_before = k > 0 && is_speech_verb(text, words.get(k - 1).copied(), lex);
                let known_person = known.get(word).copied();
                if known_person.is_none() && !verb_after && !verb_before {
                    continue;
                }
                if k == 0 && starts_sentences(word, lex) {
                    continue;
                }
                refs.push(NameFact {
                    span: *w,
                    title: None,
                    surname: *w,
                    person: known_person.unwrap_or(false) || verb_after || verb_before,
                });
            }
        }
        out.extend(refs);
        out.sort_by_key(|n| n.span.start);
        out
    }

    proptest::proptest! {
        /// The pass that jumps from capital to capital finds what the
        /// word-by-word pass found.
        #[test]
        fn agrees_with_the_word_by_word_pass(
            text in "([A-Za-zÉéΩ0-9 ,.'’\\-]{0,6}|Dr\\. |Mr |Prime |Minister |Ada |Okafor |said |Yesterday |The |Later |\\. |\n\n){0,40}"
        ) {
            let lex = Lexicons::default_set();
            let doc = Document::parse(SourceFile::new("t.txt", text.as_str()), &ParseOptions::default(), &lex);
            proptest::prop_assert_eq!(extract(&doc, &lex), reference_extract(&doc, &lex));
        }
    }
}
