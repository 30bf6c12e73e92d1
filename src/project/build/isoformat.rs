//! Python's `datetime.fromisoformat`, as the ADK uses it to read a test case's `simulated_at`
//! (polyai-adk 0.73.2, `resources/test_suite.py:66-86`: the value as text, stripped, every `Z`
//! replaced by `+00:00`, parsed, then converted to UTC). The parser follows CPython's C
//! implementation (`Modules/_datetimemodule.c`: `_find_isoformat_datetime_separator`,
//! `parse_isoformat_date`, `parse_hh_mm_ss_ff`, `parse_isoformat_time`) as Python 3.14 runs
//! it: `24:00` is midnight of the next day, a decimal mark after the hour or the minute and a
//! fourth `:`-separated component are refused.

/// Why a value is refused, as Python words it.
pub type IsoResult = Result<(), String>;

/// A parsed datetime: the local fields and the UTC offset in microseconds, `None` when naive.
#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    micro: i64,
    offset_us: Option<i64>,
}

const INVALID: &str = "it is no ISO 8601 date and time";

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 0001-01-01 (day 1), the proleptic Gregorian ordinal.
fn ymd_to_ord(y: i64, m: i64, d: i64) -> i64 {
    let py = y - 1;
    let before_year = py * 365 + py / 4 - py / 100 + py / 400;
    let before_month: i64 = (1..m).map(|mm| days_in_month(y, mm)).sum();
    before_year + before_month + d
}

fn ord_to_ymd(mut n: i64) -> (i64, i64, i64) {
    // Enough for the range a datetime holds; a simple walk keeps it obviously right.
    let mut y = 1 + (n - 1) * 400 / 146_097;
    while ymd_to_ord(y, 1, 1) > n {
        y -= 1;
    }
    while ymd_to_ord(y + 1, 1, 1) <= n {
        y += 1;
    }
    n -= ymd_to_ord(y, 1, 1) - 1;
    let mut m = 1;
    while n > days_in_month(y, m) {
        n -= days_in_month(y, m);
        m += 1;
    }
    (y, m, n)
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let mut v = 0i64;
    for i in 0..n {
        let c = *b.get(at + i)?;
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

/// `_find_isoformat_datetime_separator` over the characters of the text.
fn separator(c: &[char]) -> Option<usize> {
    let len = c.len();
    if len == 7 {
        return Some(7);
    }
    if c[4] == '-' {
        if c[5] == 'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && c[8] == '-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && c[10].is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if c[4] == 'W' {
        let mut idx = 7;
        while idx < len && c[idx].is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// ISO week date to calendar date (`iso_to_ymd`).
fn iso_week(year: i64, week: i64, day: i64) -> Option<(i64, i64, i64)> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    if !(1..53).contains(&week) {
        // Years starting on a Thursday, and leap years starting on a Wednesday, have 53.
        let first = ymd_to_ord(year, 1, 1) % 7; // 0 = Sunday ... 4 = Thursday
        if !(week == 53 && (first == 4 || (first == 3 && is_leap(year)))) {
            return None;
        }
    }
    if !(1..8).contains(&day) {
        return None;
    }
    // Monday of week 1: the week holding 4 January.
    let jan4 = ymd_to_ord(year, 1, 4);
    let weekday = (jan4 + 6) % 7; // 0 = Monday
    let monday = jan4 - weekday;
    let ord = monday + (week - 1) * 7 + (day - 1);
    if !(1..=ymd_to_ord(9999, 12, 31)).contains(&ord) {
        return None;
    }
    Some(ord_to_ymd(ord))
}

/// `parse_isoformat_date` over the bytes before the separator (`len` of them).
fn parse_date(b: &[u8], len: usize) -> Option<(i64, i64, i64)> {
    let year = digits(b, 0, 4)?;
    let mut p = 4;
    let sep = b.get(p) == Some(&b'-');
    if sep {
        p += 1;
    }
    if b.get(p) == Some(&b'W') {
        p += 1;
        let week = digits(b, p, 2)?;
        p += 2;
        let mut day = 1;
        if p < len {
            if sep {
                if b.get(p) != Some(&b'-') {
                    return None;
                }
                p += 1;
            }
            day = digits(b, p, 1)?;
        }
        return iso_week(year, week, day);
    }
    let month = digits(b, p, 2)?;
    p += 2;
    if sep {
        if b.get(p) != Some(&b'-') {
            return None;
        }
        p += 1;
    }
    let day = digits(b, p, 2)?;
    Some((year, month, day))
}

/// `parse_hh_mm_ss_ff` over `b[..end]` (reading on past `end` as the C code reads on through the
/// NUL-terminated text): the fields, and whether text is left after the fraction.
fn hh_mm_ss_ff(b: &[u8], start: usize, end: usize) -> Option<([i64; 4], bool)> {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut vals = [0i64; 4];
    let mut p = start;
    let mut has_sep = true;
    for (i, v) in vals.iter_mut().enumerate().take(3) {
        *v = digits(b, p, 2)?;
        p += 2;
        let c = at(p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            return Some((vals, c != 0));
        } else if has_sep && c == b':' {
            if i == 2 {
                return None;
            }
            continue;
        } else if c == b'.' || c == b',' {
            if i < 2 {
                return None;
            }
            break;
        } else if !has_sep {
            p -= 1;
        } else {
            return None;
        }
    }
    let remains = end.saturating_sub(p);
    let n = remains.min(6);
    if n == 0 {
        return None;
    }
    let mut us = digits(b, p, n)?;
    for _ in n..6 {
        us *= 10;
    }
    vals[3] = us;
    p += n;
    while at(p).is_ascii_digit() {
        p += 1;
    }
    Some((vals, at(p) != 0))
}

/// `parse_isoformat_time`: the fields and the offset in microseconds.
fn parse_time(b: &[u8]) -> Option<([i64; 4], Option<i64>)> {
    let end = b.len();
    if end == 0 {
        return None;
    }
    let tz = b
        .iter()
        .position(|c| matches!(c, b'Z' | b'+' | b'-'))
        .unwrap_or(end);
    let (vals, rest) = hh_mm_ss_ff(b, 0, tz)?;
    if tz >= end {
        return if rest { None } else { Some((vals, None)) };
    }
    if b[tz] == b'Z' {
        return if tz + 1 != end {
            None
        } else {
            Some((vals, Some(0)))
        };
    }
    let sign = if b[tz] == b'-' { -1 } else { 1 };
    let (t, rest) = hh_mm_ss_ff(b, tz + 1, end)?;
    if rest {
        return None;
    }
    let off = sign * ((t[0] * 3600 + t[1] * 60 + t[2]) * 1_000_000 + t[3]);
    Some((vals, Some(off)))
}

fn parse(s: &str) -> Result<Parsed, String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 7 {
        return Err(INVALID.into());
    }
    let sep = separator(&chars).ok_or(INVALID)?;
    let date: String = chars[..sep.min(chars.len())].iter().collect();
    let db = date.as_bytes();
    let (year, month, day) = parse_date(db, db.len()).ok_or(INVALID)?;
    let (mut t, offset_us) = if chars.len() > sep {
        let time: String = chars[sep + 1..].iter().collect();
        parse_time(time.as_bytes()).ok_or(INVALID)?
    } else {
        ([0; 4], None)
    };
    if !(1..=9999).contains(&year) {
        return Err(format!("year {year} is out of range"));
    }
    if !(1..=12).contains(&month) {
        return Err("month must be in 1..12".into());
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("day is out of range for month".into());
    }
    let (mut year, mut month, mut day) = (year, month, day);
    if t[0] == 24 {
        // Python 3.14: `24:00` is the midnight that ends the day.
        if t[1] != 0 || t[2] != 0 || t[3] != 0 {
            return Err("minute, second, and microsecond must be 0 when hour is 24".into());
        }
        t[0] = 0;
        let next = ymd_to_ord(year, month, day) + 1;
        if next > ymd_to_ord(9999, 12, 31) {
            return Err("date value out of range".into());
        }
        (year, month, day) = ord_to_ymd(next);
    }
    if t[0] > 23 {
        return Err("hour must be in 0..23".into());
    }
    if t[1] > 59 {
        return Err("minute must be in 0..59".into());
    }
    if t[2] > 59 {
        return Err("second must be in 0..59".into());
    }
    if let Some(off) = offset_us
        && off.abs() >= 86_400_000_000
    {
        return Err("the UTC offset must be less than 24 hours".into());
    }
    Ok(Parsed {
        year,
        month,
        day,
        hour: t[0],
        minute: t[1],
        second: t[2],
        micro: t[3],
        offset_us,
    })
}

/// Python's `str.strip()`: Unicode whitespace and the four information separators.
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Whether the ADK accepts `text` (the value as Python's `str()` renders it) as a test case's
/// `simulated_at`; the reason when it does not.
pub fn simulated_at(text: &str) -> IsoResult {
    let s = py_strip(text).replace('Z', "+00:00");
    let p = parse(&s)?;
    // `astimezone(timezone.utc)`: the instant must still be a datetime.
    if let Some(off) = p.offset_us {
        let day_us = 86_400_000_000i64;
        let local = (ymd_to_ord(p.year, p.month, p.day) - 1) * day_us
            + ((p.hour * 60 + p.minute) * 60 + p.second) * 1_000_000
            + p.micro;
        let utc = local - off;
        if utc < 0 || utc >= ymd_to_ord(9999, 12, 31) * day_us {
            return Err("date value out of range".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::simulated_at;

    /// Values and whether Python 3.13's `datetime.fromisoformat` (as the ADK calls it) accepts
    /// them, checked against the interpreter; the 3.14 changes are marked.
    #[test]
    fn agrees_with_python() {
        let cases: &[(&str, bool)] = &[
            ("2026-01-15T09:30:00Z", true),
            ("2026-01-15", true),
            ("  2026-01-15  ", true),
            ("2026-01-15 09:30", true),
            ("2026-13-15", false),
            ("x", false),
            ("5", false),
            ("True", false),
            ("2026-01-15T09:30:00+24:00", false),
            ("2026-01-15T09:30:00+00:60", true),
            ("0001-01-01T00:00+01:00", false),
            ("2026W031", true),
            ("2026-01-15Z", true),
            ("2026-01-15T09:30:00ZZ", false),
            ("2024-01-15é10:00", true),
            ("2024-01-15T10:00:00,5", true),
            ("2024-01-15T10:00:00.5Z", true),
            ("2024-01-15T10:00:00.123abc", false),
            ("2024-01-15T10:00-05:00", true),
            ("2024-01-15T10-05", true),
            ("2024-01-15T10:00+05:00Z", false),
            ("2024-W01-1T10", true),
            ("2024-W011", false),
            ("2024W01", true),
            ("2024-W01", true),
            ("20240115T100000", true),
            ("2024-0115", false),
            ("202401-15", false),
            ("2024-01-15T1000:00", false),
            ("2024-01-15T10:0000", false),
            ("2024-01-15T10:00:00+0500", true),
            ("2024-01-15T10:00:00+05:00:00.123456", true),
            ("١٢٣٤-01-15", false),
            ("2024-01-15T", false),
            ("2024-01-15x", false),
            ("2024-01-15TT10", false),
            ("2024-02-30", false),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("0000-01-01", false),
            ("2024-W53", false),
            ("2020-W53", true),
            ("2024-W00", false),
            ("2024-W01-8", false),
            ("2024-01-15T10:60", false),
            ("2024-01-15T10:00:60", false),
            ("2024-01-15T10:00:00.0000001", true),
            ("2024-01-15T10:00:00+23:59:59.999999", true),
            ("2024-01-15T10:00:00-00:00", true),
            ("2024-01-15T10:00:00+00", true),
            ("2024-01-15T1", false),
            ("2024-01-15T10:00:00.", false),
            ("20240115", true),
            ("9999-12-31T23:59-01:00", false),
            // Python 3.14: midnight ending the day; a decimal mark on the hour; a fourth field.
            ("2026-01-15T24:00", true),
            ("2026-01-15T24:00:01", false),
            ("9999-12-31T24:00", false),
            ("2024-01-15T10.5", false),
            ("2024-01-15 10:00:00:12", false),
        ];
        for (s, ok) in cases {
            assert_eq!(simulated_at(s).is_ok(), *ok, "{s:?}: {:?}", simulated_at(s));
        }
    }
}
