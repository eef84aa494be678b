//! Segments written from real article files and read back (`segment`, `read`), compared
//! with a plain model of the same folded texts (`chunk::tests::by_the_rule`): every key is
//! found with its documents and no other key is, ranges give exactly their keys in order
//! (within a part and across parts, through the sparse directories), words by a predicate,
//! phrases of bigrams only where the gram run really stands, and each document's path and
//! stamp. Texts draw on characters of every table part (see `chunk::SPLITS`), and one test
//! has more documents than a chunk holds.

use super::build::{CHUNK_DOCS, Paths};
use super::chunk::SPLITS;
use super::chunk_tests::by_the_rule;
use super::key;
use super::merge::{EVERY, PARTS};
use super::read::{Docs, docs_into, phrase_into};
use super::segment::{self, Segment};
use crate::library::cache::Stamp;
use crate::search::fulltext::update::folded_body;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// The files of a segment, already in path order.
struct Sorted(Vec<PathBuf>);

impl Paths for Sorted {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn path(&self, doc: usize) -> PathBuf {
        self.0[doc].clone()
    }
}

/// A segment written in a temporary folder from one article file per text.
struct Built {
    _tmp: tempfile::TempDir,
    paths: Vec<PathBuf>,
    segment: Segment,
}

fn build(texts: &[String]) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let mut paths: Vec<PathBuf> = (0..texts.len())
        .map(|i| library.join(format!("{:03}/{i:05}.html", i / 100)))
        .collect();
    paths.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    for (i, text) in texts.iter().enumerate() {
        let path = library.join(format!("{:03}/{i:05}.html", i / 100));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("---\ntitle: T{i}\n---\n<p>{text}</p>\n")).unwrap();
    }
    segment_of(tmp, paths)
}

/// Segment 7 written in `tmp` from the files `paths` (sorted), opened and checked whole.
fn segment_of(tmp: tempfile::TempDir, paths: Vec<PathBuf>) -> Built {
    let index = tmp.path().join("index");
    std::fs::create_dir_all(&index).unwrap();
    let built = segment::write(
        &index,
        7,
        &Sorted(paths.clone()),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap()
    .expect("not cancelled");
    assert_eq!(built.docs, paths.len());
    let segment = Segment::open(&index, 7).unwrap();
    assert!(segment.verify());
    assert_eq!(segment.len as usize, paths.len());
    Built {
        _tmp: tmp,
        paths,
        segment,
    }
}

/// What the segment should hold, from the folded texts of its files by the plain rule.
#[derive(Default)]
struct Model {
    /// Every key but words' → its documents.
    keys: BTreeMap<u64, BTreeSet<u32>>,
    words: BTreeMap<String, BTreeSet<u32>>,
    /// Every bigram → where it stands: (document, position).
    places: BTreeMap<String, BTreeSet<(u32, u32)>>,
    /// Per document: its folded text.
    folded: Vec<String>,
}

fn model(paths: &[PathBuf]) -> Model {
    let mut m = Model::default();
    let mut buf = Vec::new();
    for (d, path) in paths.iter().enumerate() {
        let d = d as u32;
        let (_, folded) = folded_body(path, &mut buf);
        let keys = by_the_rule(&folded);
        let mut add = |k: u64| {
            m.keys.entry(k).or_default().insert(d);
        };
        for (b, _) in &keys.bigrams {
            add(bigram_key(b));
        }
        for &c in &keys.unigrams {
            add(key::unigram(c as u32));
        }
        if keys.long {
            add(key::LONG);
        }
        for w in keys.words {
            m.words.entry(w).or_default().insert(d);
        }
        for (b, p) in keys.bigrams {
            m.places.entry(b).or_default().insert((d, p));
        }
        m.folded.push(folded);
    }
    m
}

fn bigram_key(b: &str) -> u64 {
    let c: Vec<u32> = b.chars().map(|c| c as u32).collect();
    assert_eq!(c.len(), 2, "{b}");
    key::bigram_of(c[0], c[1])
}

/// The table part a key other than a word's is in.
fn part_of(k: u64) -> usize {
    SPLITS.iter().take_while(|&&s| k >= s).count()
}

fn set(docs: &Docs) -> BTreeSet<u32> {
    docs.iter().collect()
}

/// The entries of `k` in the segment's blocks that have it.
fn entries(segment: &Segment, k: u64) -> Vec<&[u8]> {
    (segment.blocks().iter())
        .filter_map(|b| b.entry(k).unwrap())
        .collect()
}

/// The documents of the entries of `k`, read back (`None`: no block has it).
fn docs_of(segment: &Segment, k: u64) -> Option<BTreeSet<u32>> {
    let bodies = entries(segment, k);
    if bodies.is_empty() {
        return None;
    }
    let mut docs = Docs::none(segment.len);
    for body in bodies {
        docs_into(body, key::is_bigram(k), &mut docs).unwrap();
    }
    Some(set(&docs))
}

/// Every key other than words' in `lo..hi`, as `range` gives them: in order in each block
/// (checked), once each over all blocks.
fn range_keys(segment: &Segment, lo: u64, hi: u64) -> Vec<u64> {
    let mut each_block = Vec::new();
    for block in segment.blocks() {
        let mut keys = Vec::new();
        block.range(lo, hi, &mut |k, _| keys.push(k)).unwrap();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "a block's keys in order"
        );
        each_block.extend(keys);
    }
    let mut all = Vec::new();
    segment.range(lo, hi, &mut |k, _| all.push(k)).unwrap();
    assert_eq!(
        all, each_block,
        "the segment's range is its blocks' one after the other"
    );
    all.sort_unstable();
    all.dedup();
    all
}

/// The documents where the gram run `phrase` (3 characters or more) stands, by the model:
/// its bigrams at consecutive positions.
fn phrase_model(m: &Model, phrase: &[char]) -> BTreeSet<u32> {
    let pairs: Vec<String> = phrase.windows(2).map(|w| w.iter().collect()).collect();
    let Some(first) = m.places.get(&pairs[0]) else {
        return BTreeSet::new();
    };
    (first.iter())
        .filter(|&&(d, p)| {
            (pairs.iter().enumerate()).all(|(i, b)| {
                (m.places.get(b)).is_some_and(|places| places.contains(&(d, p + i as u32)))
            })
        })
        .map(|&(d, _)| d)
        .collect()
}

/// The documents where `phrase` stands, as `phrase_into` finds them; `None` when one of its
/// bigrams is in no document.
fn phrase_found(segment: &Segment, phrase: &[char]) -> Option<BTreeSet<u32>> {
    let keys: Vec<u64> = (phrase.windows(2))
        .map(|w| key::bigram_of(w[0] as u32, w[1] as u32))
        .collect();
    if keys.iter().any(|&k| entries(segment, k).is_empty()) {
        return None;
    }
    // Block by block, as `lookup` does: a block's documents are its own.
    let mut docs = Docs::none(segment.len);
    for block in segment.blocks() {
        let bodies: Option<Vec<_>> = keys.iter().map(|&k| block.entry(k).unwrap()).collect();
        if let Some(bodies) = bodies {
            phrase_into(&bodies, &mut docs).unwrap();
        }
    }
    Some(set(&docs))
}

/// Every claim of the module's doc, for the segment built from `texts`.
fn check(texts: &[String]) -> (Built, Model) {
    check_built(build(texts))
}

fn check_built(b: Built) -> (Built, Model) {
    let m = model(&b.paths);
    let s = &b.segment;
    // Every key, with exactly its documents.
    for (&k, docs) in &m.keys {
        assert_eq!(docs_of(s, k).as_ref(), Some(docs), "key {k:x}");
    }
    // Keys beside each present one, and bigrams of characters that never stand together,
    // are absent.
    let mut absent: BTreeSet<u64> = (m.keys.keys())
        .flat_map(|&k| [k.wrapping_sub(1), k + 1, k ^ (1 << 21)])
        .collect();
    absent.extend([
        key::PARTIAL,
        key::bigram_of(0x4E00, 0x20000),
        key::unigram(0x41),
    ]);
    for k in absent.iter().filter(|k| !m.keys.contains_key(k)) {
        assert!(entries(s, *k).is_empty(), "absent key {k:x}");
    }
    // Ranges: all of it; from each sampled key (and from just past it) to keys a little,
    // a directory step and a part or more further on.
    let all: Vec<u64> = m.keys.keys().copied().collect();
    assert_eq!(range_keys(s, 0, u64::MAX), all);
    let step = (all.len() / 40).max(1);
    for i in (0..all.len()).step_by(step) {
        for j in [i, i + 1, i + 3, i + EVERY as usize + 1, i + all.len() / 3] {
            for lo in [all[i], all[i] + 1] {
                let hi = all.get(j).copied().unwrap_or(u64::MAX);
                let want: Vec<u64> = m.keys.range(lo..hi.max(lo)).map(|(k, _)| *k).collect();
                assert_eq!(range_keys(s, lo, hi), want, "range {lo:x}..{hi:x}");
            }
        }
    }
    // Words by a predicate: the entries of exactly the words it accepts.
    type Wanted = fn(&[u8]) -> bool;
    let predicates: [Wanted; 4] = [|_| true, |_| false, |w| w.contains(&b'a'), |w| w.len() > 7];
    // Each block has its own words: every (word, document) the predicate accepts comes
    // once over all blocks.
    for wanted in predicates {
        let (mut found, mut pairs) = (BTreeSet::new(), 0);
        s.words(&wanted, &mut |body| {
            let mut docs = Docs::none(s.len);
            docs_into(body, false, &mut docs).unwrap();
            pairs += docs.iter().count();
            found.extend(docs.iter());
        })
        .unwrap();
        let want: Vec<&BTreeSet<u32>> = (m.words.iter())
            .filter(|(w, _)| wanted(w.as_bytes()))
            .map(|(_, d)| d)
            .collect();
        assert_eq!(pairs, want.iter().map(|d| d.len()).sum::<usize>());
        assert_eq!(found, want.into_iter().flatten().copied().collect());
    }
    // Phrases of three characters and more: each made of two bigrams that follow on (one
    // ending where the other begins), wherever they stand.
    let pairs: Vec<Vec<char>> = m.places.keys().map(|b| b.chars().collect()).collect();
    for a in pairs.iter().step_by((pairs.len() / 60).max(1)) {
        for b in pairs.iter().filter(|b| b[0] == a[1]).take(4) {
            let mut phrase = a.clone();
            phrase.push(b[1]);
            assert_eq!(
                phrase_found(s, &phrase),
                Some(phrase_model(&m, &phrase)),
                "phrase {phrase:?}"
            );
        }
    }
    // And each document's own runs, whole, up to 8 characters.
    for run in m
        .folded
        .iter()
        .take(200)
        .flat_map(|f| super::super::tokens::runs(f))
    {
        let chars = run.chars();
        if run.class == super::super::tokens::Class::Gram && (3..=8).contains(&chars.len()) {
            let found = phrase_found(s, &chars).expect("its bigrams are indexed");
            assert_eq!(found, phrase_model(&m, &chars), "run {chars:?}");
        }
    }
    // Each document's path and stamp; paths found back, others not.
    let mut previous: Option<Vec<u8>> = None;
    for (d, path) in b.paths.iter().enumerate() {
        let bytes = path.as_os_str().as_encoded_bytes();
        let stamp = Stamp::of(&std::fs::metadata(path).unwrap());
        assert_eq!(
            s.doc(d as u32),
            Some((bytes.to_vec(), (stamp.size, stamp.mtime_ns))),
            "doc {d}"
        );
        assert_eq!(s.find(bytes), Some(d as u32));
        let mut after = bytes.to_vec();
        after.push(b'~');
        assert_eq!(s.find(&after), None);
        if let Some(p) = previous.take() {
            let mut between = p.clone();
            between.push(b'!');
            assert_eq!(s.find(&between), None);
        }
        previous = Some(bytes.to_vec());
    }
    assert_eq!(s.doc(s.len), None);
    assert_eq!(s.find(b""), None);
    assert_eq!(s.find(b"/nowhere/at/all.html"), None);
    (b, m)
}

/// A piece of text: gram characters from each part's range, Hangul and a character past
/// the Basic Multilingual Plane, words short and long, separators.
fn piece() -> impl Strategy<Value = String> {
    let gram =
        |from: u32, n: u32| (from..from + n).prop_map(|c| char::from_u32(c).unwrap().to_string());
    prop_oneof![
        gram(0x4E00, 24),
        gram(0x5800, 24),
        gram(0x6200, 24),
        gram(0x7000, 24),
        gram(0x8000, 24),
        gram(0x9000, 24),
        gram(0xAC00, 24),
        gram(0x20000, 24),
        gram(0x3400, 8),
        Just(" ".to_string()),
        Just("，".to_string()),
        Just("<b>".to_string()),
        Just("。".to_string()),
        prop::sample::select(vec![
            "data",
            "ab",
            "zebra",
            "Quantum",
            "extraordinarily",
            "é9"
        ])
        .prop_map(|w| format!(" {w} ")),
        Just(format!(" {} ", "q".repeat(70))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn a_segment_answers_as_its_texts_say(
        texts in prop::collection::vec(
            prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
            1..30,
        )
    ) {
        check(&texts);
    }
}

/// More documents than a chunk holds, and more keys in every part than a directory step:
/// every key is found through the sparse directories, in both chunks (two blocks).
#[test]
fn several_chunks_and_every_part_past_a_directory_step() {
    let starts = [
        0x4E00, 0x5800, 0x6200, 0x7000, 0x8000, 0x9000, 0xAC00, 0x20000,
    ];
    // Deterministic: the same texts every run.
    let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut next = |n: u32| rng.random_range(0..n);
    let texts: Vec<String> = (0..CHUNK_DOCS + 60)
        .map(|_| {
            let mut t = String::new();
            for _ in 0..3 {
                let from = starts[next(starts.len() as u32) as usize];
                for _ in 0..2 + next(3) {
                    t.push(char::from_u32(from + next(40)).unwrap());
                }
                t.push_str([" ", "，", " news ", " w"].get(next(4) as usize).unwrap());
            }
            t
        })
        .collect();
    let (b, m) = check(&texts);
    let mut per_part = [0u64; PARTS];
    for &k in m.keys.keys() {
        per_part[part_of(k)] += 1;
    }
    // Part 0 is the words' (not in `keys`); every other part is past a directory step.
    assert!(per_part[1..].iter().all(|&n| n > EVERY), "{per_part:?}");
    // Each chunk is a block of its own in a unit test (`segment_write::GROUP_BYTES`): keys
    // held by documents of both, looked up in each.
    assert_eq!(b.segment.blocks().len(), 2);
    let last = b.segment.len - 1;
    let both = (m.keys.values())
        .filter(|d| d.first() < Some(&(CHUNK_DOCS as u32)) && d.contains(&last))
        .count();
    assert!(both > 0);
}

/// Bigrams of a run present in a document but not together, or not in that order, are not
/// the run.
#[test]
fn a_run_is_found_only_where_it_stands_whole() {
    let texts = [
        "数据显示增长",
        "数据 据显示",
        "据显示，数据",
        "显示数据据",
        "<b>数据</b>显示",
        "数据显示 数据显示",
    ]
    .map(String::from);
    let b = build(&texts);
    let s = &b.segment;
    let chars = |t: &str| t.chars().collect::<Vec<char>>();
    assert_eq!(phrase_found(s, &chars("数据显示")), Some([0, 4, 5].into()));
    assert_eq!(
        phrase_found(s, &chars("据显示")),
        Some([0, 1, 2, 4, 5].into())
    );
    assert_eq!(phrase_found(s, &chars("数据据")), Some([3].into()));
    assert_eq!(phrase_found(s, &chars("示数据")), Some([3].into()));
    assert_eq!(phrase_found(s, &chars("显示增长")), Some([0].into()));
    // Each bigram is there, but never in a row.
    assert_eq!(phrase_found(s, &chars("据显示数")), Some([].into()));
    assert_eq!(phrase_found(s, &chars("增长数")), None);
    let m = model(&b.paths);
    for phrase in ["数据显示", "据显示", "据显示数", "示数据"] {
        assert_eq!(
            phrase_found(s, &chars(phrase)),
            Some(phrase_model(&m, &chars(phrase))),
            "{phrase}"
        );
    }
}

/// A segment of no documents (what folding segments whose documents are all dead writes)
/// opens and answers nothing.
#[test]
fn an_empty_segment_answers_nothing() {
    let (b, _) = check(&[]);
    let s = &b.segment;
    assert_eq!(s.len, 0);
    assert!(entries(s, key::bigram_of(0x4E00, 0x4E01)).is_empty());
    let mut words = 0;
    s.words(&|_| true, &mut |_| words += 1).unwrap();
    assert_eq!(words, 0);
}
