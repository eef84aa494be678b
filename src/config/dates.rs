//! `[dates]`: the list's date format (checked with chrono) and the time zone.

use super::settings::{Problem, problem, string};
use crate::zone::Zone;
use chrono::format::{Item, StrftimeItems};
use chrono::{FixedOffset, NaiveDate};
use toml::Spanned;
use toml::de::DeValue;

pub(super) fn date_format(value: &Spanned<DeValue>) -> Result<String, Problem> {
    let fmt = string(value, "dates.format")?;
    check_date_format(fmt)
        .map_err(|m| problem(value.span().start, format!("dates.format: \"{fmt}\" {m}")))?;
    Ok(fmt.to_string())
}

/// The list formats a zone's local date and time (no offset), so that is what is tried.
pub(super) fn check_date_format(fmt: &str) -> Result<(), String> {
    let items = StrftimeItems::new(fmt);
    if items.clone().any(|i| matches!(i, Item::Error)) {
        return Err("is not a valid date format (see https://docs.rs/chrono/latest/chrono/format/strftime/)".into());
    }
    let sample = NaiveDate::from_ymd_opt(2022, 1, 7)
        .and_then(|d| d.and_hms_opt(0, 13, 0))
        .expect("a valid date");
    let mut out = String::new();
    use std::fmt::Write;
    write!(out, "{}", sample.format_with_items(items)).map_err(|_| {
        "cannot be used: the list shows local times without an offset, so %z, %Z and the like are not available".to_string()
    })?;
    if out.chars().any(char::is_control) {
        return Err("would put a line break or tab (%n, %t) into the list".into());
    }
    Ok(())
}

pub(super) fn zone(value: &Spanned<DeValue>) -> Result<Zone, Problem> {
    let s = string(value, "dates.time_zone")?;
    parse_zone(s).ok_or_else(|| {
        problem(
            value.span().start,
            format!(
                "dates.time_zone: expected \"local\", \"UTC\" or an offset such as \"+08:00\", found \"{s}\" (named zones are not supported; set TZ and use \"local\")"
            ),
        )
    })
}

/// `local`, `UTC`, `+08:00`, `-0530`, `+8`.
pub(super) fn parse_zone(s: &str) -> Option<Zone> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("local") {
        return Some(Zone::Local);
    }
    if s.eq_ignore_ascii_case("utc") || s == "Z" {
        return Some(Zone::utc());
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some(hm) => hm,
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "00"),
    };
    let digits = |t: &str, max_len| {
        (1..=max_len).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).map(Zone::Fixed)
}
