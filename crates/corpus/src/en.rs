//! English text: vocabulary, and builders of sentences, titles and captions.

use std::fmt::Write as _;

use super::RARE_MARKER_EN;
use super::categories::path_of;
use super::rng::Rng;

const EN_SUBJECTS: &[&str] = &[
    "the government",
    "officials",
    "researchers",
    "the central bank",
    "investors",
    "analysts",
    "the company",
    "regulators",
    "lawmakers",
    "the city council",
    "engineers",
    "doctors",
    "scientists",
    "the ministry",
    "voters",
    "the startup",
    "the union",
    "residents",
    "the agency",
    "critics",
    "supporters",
    "the committee",
    "the court",
    "police",
    "teachers",
    "farmers",
    "shipping firms",
    "airlines",
    "carmakers",
    "chipmakers",
    "developers",
    "maintainers",
    "economists",
    "the board",
];

const EN_VERBS: &[&str] = &[
    "announced",
    "approved",
    "rejected",
    "delayed",
    "expanded",
    "reduced",
    "launched",
    "unveiled",
    "questioned",
    "defended",
    "reviewed",
    "criticized",
    "welcomed",
    "proposed",
    "tested",
    "deployed",
    "abandoned",
    "revised",
    "predicted",
    "warned about",
    "invested in",
    "pulled out of",
    "signed",
    "blocked",
    "funded",
    "studied",
    "measured",
    "reported",
    "confirmed",
    "denied",
    "scrapped",
    "paused",
    "extended",
    "audited",
    "benchmarked",
    "rewrote",
];

const EN_ADJS: &[&str] = &[
    "new",
    "major",
    "controversial",
    "long-awaited",
    "ambitious",
    "costly",
    "experimental",
    "regional",
    "national",
    "global",
    "temporary",
    "permanent",
    "sweeping",
    "modest",
    "unexpected",
    "open-source",
    "renewable",
    "digital",
    "remote",
    "public",
    "private",
    "faster",
    "cheaper",
    "secret",
];

const EN_OBJECTS: &[&str] = &[
    "plan",
    "budget",
    "policy",
    "program",
    "report",
    "study",
    "framework",
    "merger",
    "deal",
    "tariff",
    "vaccine",
    "satellite",
    "battery",
    "chip",
    "network",
    "pipeline",
    "railway",
    "bridge",
    "reservoir",
    "protocol",
    "standard",
    "treaty",
    "ceasefire",
    "election",
    "strike",
    "investigation",
    "lawsuit",
    "forecast",
    "survey",
    "dataset",
    "compiler",
    "browser",
    "database",
    "kernel",
    "rocket",
    "telescope",
    "reactor",
    "wind farm",
    "port",
    "airport",
    "platform",
    "app",
    "subscription",
    "currency",
    "bond",
    "index",
    "heat pump",
    "language model",
    "supply chain",
    "housing scheme",
];

const EN_PLACES: &[&str] = &[
    "Berlin",
    "Tokyo",
    "Nairobi",
    "Lagos",
    "Toronto",
    "Sydney",
    "Mumbai",
    "Seoul",
    "Paris",
    "Madrid",
    "Chicago",
    "Texas",
    "California",
    "Brussels",
    "Geneva",
    "Singapore",
    "Jakarta",
    "Lima",
    "Oslo",
    "Warsaw",
    "Cairo",
    "Dubai",
    "Istanbul",
    "Manila",
    "Hanoi",
    "Santiago",
    "Vancouver",
    "Dublin",
    "Helsinki",
    "Lisbon",
    "Kyiv",
    "Taipei",
];

const EN_TAILS: &[&str] = &[
    "on Tuesday",
    "last week",
    "earlier this year",
    "after months of talks",
    "despite strong opposition",
    "according to people familiar with the matter",
    "amid rising costs",
    "for the first time",
    "by the end of the year",
    "in a statement",
    "citing safety concerns",
    "to the surprise of many",
    "as R&amp;D spending climbs",
    "ahead of the winter",
    "under pressure from shareholders",
];

const EN_CONNECTORS: &[&str] = &[
    "However,",
    "Meanwhile,",
    "In addition,",
    "Still,",
    "As a result,",
    "According to the report,",
    "For now,",
    "Separately,",
    "Even so,",
    "In a statement,",
    "Last year,",
    "By contrast,",
];

const EN_NAMES: &[&str] = &[
    "Maria Lopez",
    "David Chen",
    "Aisha Bello",
    "Tom Becker",
    "Priya Nair",
    "Lars Eriksen",
    "Kenji Sato",
    "Elena Petrova",
    "Samuel Okafor",
    "Hannah Weiss",
    "Omar Haddad",
    "Grace Kim",
];

const EN_ROLES: &[&str] = &[
    "a spokesperson for the ministry",
    "an economist at a think tank",
    "the company's chief executive",
    "a senior analyst",
    "a professor of engineering",
    "the mayor",
    "a union representative",
    "a researcher who led the study",
    "a former regulator",
];

const EN_TITLE_SUBJECTS: &[&str] = &[
    "regulator",
    "central bank",
    "city council",
    "startup",
    "ministry",
    "court",
    "union",
    "airline",
    "carmaker",
    "chipmaker",
    "university",
    "hospital",
    "port authority",
    "utility",
    "space agency",
    "bank",
    "insurer",
    "retailer",
    "broadcaster",
    "parliament",
];

const EN_TITLE_VERBS: &[&str] = &[
    "backs", "blocks", "delays", "unveils", "weighs", "expands", "scraps", "tests", "funds",
    "probes", "rejects", "launches", "revives", "cuts", "doubles", "pauses", "rethinks", "sues",
];

const EN_SMALL_WORDS: &[&str] = &["a", "an", "the", "of", "in", "on", "for", "to", "and", "as"];

fn en_subject(rng: &mut Rng, out: &mut String) {
    match rng.below(8) {
        0 => {
            out.push_str("officials in ");
            out.push_str(rng.pick(EN_PLACES));
        }
        1 => {
            out.push_str(rng.pick(EN_PLACES));
            out.push_str("'s ");
            out.push_str(rng.pick(EN_TITLE_SUBJECTS));
        }
        _ => out.push_str(rng.pick(EN_SUBJECTS)),
    }
}

fn en_object(rng: &mut Rng, out: &mut String) {
    out.push_str("the ");
    if rng.chance(50) {
        out.push_str(rng.pick(EN_ADJS));
        out.push(' ');
    }
    out.push_str(rng.pick(EN_OBJECTS));
}

fn en_clause(rng: &mut Rng, out: &mut String) {
    en_subject(rng, out);
    out.push(' ');
    out.push_str(rng.pick(EN_VERBS));
    out.push(' ');
    en_object(rng, out);
    if rng.chance(25) {
        out.push(' ');
        out.push_str(rng.pick(EN_TAILS));
    }
}

fn capitalize_from(out: &mut str, start: usize) {
    if let Some(s) = out.get_mut(start..start + 1) {
        s.make_ascii_uppercase();
    }
}

pub(super) fn en_sentence(rng: &mut Rng, out: &mut String) {
    let start = out.len();
    match rng.below(8) {
        0 | 1 => {
            out.push_str(rng.pick(EN_CONNECTORS));
            out.push(' ');
            en_clause(rng, out);
        }
        2 => {
            out.push('"');
            en_clause(rng, out);
            capitalize_from(out, start + 1);
            let _ = write!(
                out,
                ",\" said {}, {}",
                rng.pick(EN_NAMES),
                rng.pick(EN_ROLES)
            );
        }
        3 => {
            let [_, source, _] = path_of(20 + rng.below(10));
            let _ = write!(out, "According to {source}, ");
            en_clause(rng, out);
            out.push_str(", and ");
            en_clause(rng, out);
        }
        4 => {
            let _ = write!(
                out,
                "Spending on the {} in {} rose by {}.{} percent to ${}.{} billion {}",
                rng.pick(EN_OBJECTS),
                rng.pick(EN_PLACES),
                rng.range(1, 30),
                rng.below(10),
                rng.range(1, 900),
                rng.below(10),
                rng.pick(EN_TAILS)
            );
        }
        5 => {
            en_clause(rng, out);
            out.push_str(", while ");
            en_clause(rng, out);
        }
        _ => en_clause(rng, out),
    }
    capitalize_from(out, start);
    out.push('.');
}

pub(super) fn en_marker_sentence(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "The delegation later travelled to {RARE_MARKER_EN}, where "
    );
    en_clause(rng, out);
    out.push('.');
}

pub(super) fn en_title(rng: &mut Rng) -> String {
    let mut t = String::with_capacity(96);
    match rng.below(7) {
        0 | 1 => {
            let _ = write!(
                t,
                "{} {} {} {} in {}",
                rng.pick(EN_TITLE_SUBJECTS),
                rng.pick(EN_TITLE_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_PLACES)
            );
        }
        2 => {
            let _ = write!(
                t,
                "{}'s {} {} {} {}",
                rng.pick(EN_PLACES),
                rng.pick(EN_TITLE_SUBJECTS),
                rng.pick(EN_TITLE_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
        3 => {
            let _ = write!(
                t,
                "why {} can't ignore the {} {}",
                rng.pick(EN_SUBJECTS).trim_start_matches("the "),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
        4 => {
            let _ = write!(
                t,
                "analysis: the {} {} that {} {}",
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_VERBS),
                rng.pick(EN_PLACES)
            );
        }
        5 => {
            let _ = write!(
                t,
                "{} {} {} {} {}",
                rng.pick(EN_SUBJECTS).trim_start_matches("the "),
                rng.pick(EN_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_TAILS)
            );
        }
        _ => {
            let _ = write!(
                t,
                "how {} {} became a {} {}",
                rng.pick(EN_PLACES),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
    }
    title_case(&t)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (n, word) in s.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.push_str(word);
        if n == 0 || !EN_SMALL_WORDS.contains(&word) {
            capitalize_from(&mut out, start);
        }
    }
    out
}

pub(super) fn en_caption(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "The {} {} in {}. Photo: {}",
        rng.pick(EN_ADJS),
        rng.pick(EN_OBJECTS),
        rng.pick(EN_PLACES),
        rng.pick(EN_NAMES)
    );
}
